import { describe, expect, it } from "vitest";
import { applyDirectives, declaredFunction, documentDirectives, parseDirectives, UNUSED_DIRECTIVE } from "../src/engine/directives.js";
import type { LintResult } from "../src/engine/result.js";
import type { LintMessage } from "../src/engine/types.js";
import { jdlint } from "./helpers/cli.js";

const D = "fixtures/config/directives";
const MISMATCH = "title-duty-mismatch";

function msg(ruleId: string, line: number, column = 1): LintMessage {
  return { ruleId, messageId: "m", severity: "error", message: "m", line, column, endLine: line, endColumn: column + 1 };
}

describe("parseDirectives", () => {
  it("reads HTML comments in Markdown and HTML, with rule lists and reasons", () => {
    const src = "a\n<!-- jdlint-disable a-rule, b-rule -- legacy -->\n  <!--jdlint-enable-->\n<!-- jdlint-disable-next-line\n c-rule -->\n<!-- jdlint-disabled x -->";
    expect(parseDirectives(src, "markdown")).toEqual([
      { kind: "disable", rules: ["a-rule", "b-rule"], line: 2, column: 1, endLine: 2 },
      { kind: "enable", rules: [], line: 3, column: 3, endLine: 3 },
      { kind: "disable-next-line", rules: ["c-rule"], line: 4, column: 1, endLine: 5 },
    ]);
    expect(parseDirectives(src, "html")).toHaveLength(3);
  });

  it("reads # lines of their own in plain text, and nothing in other formats", () => {
    const src = "Title\n# jdlint-disable x\nnot # jdlint-disable y\n  #jdlint-enable\n";
    expect(parseDirectives(src, "text").map((d) => [d.kind, d.rules, d.line])).toEqual([
      ["disable", ["x"], 2],
      ["enable", [], 4],
    ]);
    expect(parseDirectives("<!-- jdlint-disable -->", "json")).toEqual([]);
    expect(parseDirectives("<!-- jdlint-disable -->", "text")).toEqual([]);
  });

  it("reads front matter's jdlint key", () => {
    const meta = { jdlint: { expect: "sales", disable: ["a"] } };
    expect(declaredFunction(meta)).toBe("sales");
    expect(declaredFunction({})).toBe(null);
    expect(documentDirectives("---\ntitle: x\njdlint:\n  disable: a\n---\n", "markdown", meta)).toEqual([
      { kind: "disable-file", rules: ["a"], line: 3, column: 1, endLine: 3 },
    ]);
  });
});

describe("applyDirectives", () => {
  const messages = [msg("a", 1), msg("b", 3), msg("a", 5), msg("b", 7), msg("a", 9)];
  const at = (src: string) => applyDirectives(messages, parseDirectives(src, "markdown")).map((m) => `${m.ruleId}${m.line}`);

  it("disable / enable ranges, for all rules or some", () => {
    expect(at("\n<!-- jdlint-disable -->\n\n\n\n<!-- jdlint-enable -->")).toEqual(["a1", "b7", "a9"]);
    expect(at("\n<!-- jdlint-disable a -->")).toEqual(["a1", "b3", "b7"]);
    expect(at("\n<!-- jdlint-disable -->\n\n<!-- jdlint-enable a -->")).toEqual(["a1", "a5", "a9"]);
    expect(at("\n\n\n\n\n\n\n<!-- jdlint-disable-next-line -->\n")).toEqual(["a1", "b3", "a5", "b7"]);
    expect(at("\n\n\n\n\n\n\n<!-- jdlint-disable-next-line b -->\n")).toEqual(["a1", "b3", "a5", "b7", "a9"]);
  });

  it("reports directives that silence nothing when asked", () => {
    const dirs = parseDirectives("<!-- jdlint-disable-next-line a, c -->\n\n<!-- jdlint-disable-next-line -->\n", "markdown");
    const out = applyDirectives([msg("a", 2)], dirs, true);
    expect(out.map((m) => [m.ruleId, m.line, m.message])).toEqual([
      [UNUSED_DIRECTIVE, 1, "Unused jdlint-disable-next-line directive: no problems from c were reported here."],
      [UNUSED_DIRECTIVE, 3, "Unused jdlint-disable-next-line directive: no problems were reported here."],
    ]);
  });
});

async function lint(args: string[]) {
  const run = await jdlint(["--format", "json", "--no-config", ...args]);
  return { ...run, results: run.stdout ? (JSON.parse(run.stdout) as LintResult[]) : [] };
}

const rulesOf = (r: LintResult) => r.messages.map((m) => m.ruleId);

describe("directives through the CLI", () => {
  it("without directives the posting is flagged", async () => {
    const { results } = await lint(["fixtures/config/postings/director.md"]);
    expect(rulesOf(results[0]!)).toContain(MISMATCH);
  });

  it.each(["next-line.md", "block.md", "front-matter.md", "door-to-door.txt", "director.html"])("%s silences title-duty-mismatch", async (file) => {
    const { results, stderr } = await lint([`${D}/${file}`]);
    expect(stderr).toBe("");
    expect(results).toHaveLength(1);
    expect(rulesOf(results[0]!)).not.toContain(MISMATCH);
  });

  it("a disable after the title leaves the title's messages", async () => {
    const { results } = await lint([`${D}/block-after-title.md`]);
    expect(rulesOf(results[0]!)).toContain(MISMATCH);
    // Only the messages on the title line, above the block, are left (the posting states no pay: that one sits on the title too).
    expect(results[0]!.messages.map((m) => m.line)).toEqual(results[0]!.messages.map(() => 1));
  });

  it("reads directives from standard input too", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(`${D}/next-line.md`);
    const stdin = { piped: true, async *chunks() { yield text; } };
    const run = await jdlint(["--format", "json", "--no-config", "--stdin-filename", "x.md"], { stdin });
    expect(rulesOf((JSON.parse(run.stdout) as LintResult[])[0]!)).not.toContain(MISMATCH);
  });

  it("--report-unused-disable-directives reports directives that silenced nothing", async () => {
    const quiet = await lint([`${D}/unused.md`]);
    expect(rulesOf(quiet.results[0]!)).not.toContain(UNUSED_DIRECTIVE);
    const { results, code } = await lint(["--report-unused-disable-directives", `${D}/unused.md`]);
    const unused = results[0]!.messages.filter((m) => m.ruleId === UNUSED_DIRECTIVE);
    expect(unused.map((m) => [m.line, m.severity])).toEqual([
      [1, "error"],
      [2, "error"],
    ]);
    expect(code).toBe(1);
  });

  it("a malformed jdlint front matter key is exit 2, naming the file; the posting is still linted", async () => {
    const stdin = { piped: true, async *chunks() { yield Buffer.from("---\njdlint:\n  expect: sails\n---\n# Account Executive\n"); } };
    const run = await jdlint(["--format", "json", "--no-config", "--stdin-filename", "x.md"], { stdin });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("jdlint: x.md: front matter jdlint.expect must be one of marketing, sales, customer_service\n");
    expect(JSON.parse(run.stdout)).toHaveLength(1);
  });
});

describe("a plain-text directive above the title line", () => {
  it("is neither the title nor posting text, and silences only the rule it names", async () => {
    const { stdout } = await jdlint(["--format", "json", "fixtures/config/directives/untitled-directive-first.txt"]);
    const [result] = JSON.parse(stdout) as LintResult[];
    expect(result!.title).toBe("Entry Level Marketing Associate");
    expect(result!.verdict.titleFamily).toBe("marketing");
    expect(result!.messages.map((m) => m.ruleId)).toContain("title-duty-mismatch");
    // Still read as a directive: it silences nothing here, which the unused-directive report says on its line.
    const unused = await jdlint(["--format", "json", "--report-unused-disable-directives", "fixtures/config/directives/untitled-directive-first.txt"]);
    const [again] = JSON.parse(unused.stdout) as LintResult[];
    expect(again!.messages.find((m) => m.ruleId === UNUSED_DIRECTIVE)?.line).toBe(1);
  });
});
