import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DataError, formatters, html, JdlintInputError, lintFiles, lintText, loadConfig, sarif, type LintResult } from "../src/index.js";

const MARKDOWN = readFileSync("fixtures/formats/same-posting/posting.md", "utf8");

describe("the programmatic API", () => {
  it("lintText lints a posting's text, choosing the format from filePath, and writes nothing", async () => {
    const out = vi.spyOn(process.stdout, "write");
    const results = await lintText(MARKDOWN, { filePath: "posting.md" });
    expect(out).not.toHaveBeenCalled();
    out.mockRestore();
    expect(results).toHaveLength(1);
    const [r] = results as [LintResult];
    expect(r.filePath).toBe("posting.md");
    expect(r.verdict.status).toBe("fail");
    expect(r.verdict.suggestedTitles[0]?.title).toBe("Junior Account Executive");
    expect(r.messages.map((m) => m.ruleId)).toContain("title-duty-mismatch");
  });

  it("lintText takes a format, and returns one result per posting", async () => {
    const jsonl = readFileSync("fixtures/formats/same-posting/postings.jsonl", "utf8");
    const results = await lintText(jsonl, { format: "jsonl" });
    expect(results.map((r) => r.recordId)).toEqual(["bw-101", "bw-101", "4012345", "5a1c2b3d-0000-4000-8000-00000000b101"]);
  });

  it("config: rule settings, as --rule gives them", async () => {
    const config = await loadConfig({ configFile: false, rules: { "title-duty-mismatch": "off" } });
    const [r] = await lintText(MARKDOWN, { filePath: "posting.md", config });
    expect(r!.messages.map((m) => m.ruleId)).not.toContain("title-duty-mismatch");
    const [again] = await lintText(MARKDOWN, { filePath: "posting.md", config: { configFile: false, rules: { "title-duty-mismatch": "warn" } } });
    expect(again!.messages.find((m) => m.ruleId === "title-duty-mismatch")?.severity).toBe("warning");
  });

  it("a config that is not valid is a DataError naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jdlint-api-"));
    writeFileSync(join(dir, "bad.yaml"), "rules:\n  no-such-rule: error\n");
    const config = await loadConfig({ cwd: dir, configFile: "bad.yaml" });
    await expect(lintText(MARKDOWN, { filePath: "p.md", config })).rejects.toThrowError(DataError);
  });

  it("lintFiles lints folders and globs from cwd; inputs that fail are thrown together", async () => {
    const results = await lintFiles(["postings/*.md"], { cwd: "fixtures" });
    expect(results.map((r) => r.filePath)).toContain("postings/marketing-director-outbound.md");
    expect(results.every((r) => r.filePath.endsWith(".md"))).toBe(true);
    const error = await lintFiles(["nothing/*.md", "postings/software-engineer.md"], { cwd: "fixtures" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JdlintInputError);
    expect((error as JdlintInputError).problems.map((p) => p.message)).toEqual(["nothing/*.md: no files match this pattern (or all are ignored)"]);
    expect(await lintFiles(["nothing/*.md"], { cwd: "fixtures", errorOnUnmatchedPattern: false })).toEqual([]);
  });

  it("lintText throws an input error naming the file and line", async () => {
    await expect(lintText('{"title": ', { filePath: "job.json" })).rejects.toThrowError(/^job\.json:1: not valid JSON/);
  });

  it("exports the formatters", async () => {
    const results = await lintText(MARKDOWN, { filePath: "posting.md" });
    expect(Object.keys(formatters)).toEqual(expect.arrayContaining(["stylish", "json", "sarif", "html"]));
    expect(JSON.parse(sarif(results, { color: false, cwd: process.cwd() })).version).toBe("2.1.0");
    expect(html(results, { color: false, cwd: process.cwd() })).toContain("Junior Account Executive");
  });
});
