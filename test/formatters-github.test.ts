import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { escapeData, escapeProperty, github } from "../src/formatters/github.js";
import { jdlint } from "./helpers/cli.js";

const load = (name: string) => JSON.parse(readFileSync(`fixtures/results/${name}.json`, "utf8")) as LintResult[];
const ctx = { color: false, cwd: "/repo" };
const canLint = existsSync("rules/titles.yaml");

// A workflow command: ::name key=value,key=value::data, with no raw line break, and no ":" or "," in a value.
const COMMAND = /^::(error|warning|notice) ([A-Za-z]+=[^,:\r\n]*(?:,[A-Za-z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;

const unescape = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");

interface Annotation {
  command: string;
  props: Record<string, string>;
  message: string;
}

function parse(out: string): Annotation[] {
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const m = COMMAND.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(",").map((p) => p.split("=", 2).map(unescape) as [string, string]));
      return { command: m![1]!, props, message: unescape(m![3]!) };
    });
}

describe("github format", () => {
  it("writes one annotation per message with file, position and title", () => {
    const [a, b] = parse(github(load("sample"), ctx));
    expect(a).toEqual({
      command: "error",
      props: { file: "jobs/marketing-director-outbound.md", line: "9", col: "3", endLine: "9", endColumn: "21", title: "jdlint title-duty-mismatch" },
      message: load("sample")[0]!.messages[0]!.message,
    });
    expect(b!.command).toBe("warning");
    expect(b!.props.file).toBe("jobs/openings.jsonl");
  });

  it("maps info to notice and leaves out columns of a multi-line annotation", () => {
    const [, info] = parse(github(load("hostile"), ctx));
    expect(info!.command).toBe("notice");
    expect(info!.props).toEqual({ file: "jobs/we|rd, na:me%.md", line: "4", endLine: "5", title: "jdlint title-duty-mismatch" });
  });

  it("escapes %, CR and LF in messages and also : and , in properties", () => {
    expect(escapeData("100%\r\nnext: a, b")).toBe("100%25%0D%0Anext: a, b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    const out = github(load("hostile"), ctx);
    expect(out.split("\n")).toHaveLength(3);
    const [error] = parse(out);
    expect(error!.message).toBe(load("hostile")[0]!.messages[0]!.message);
    expect(error!.props.file).toBe("jobs/we|rd, na:me%.md");
  });

  it("writes nothing when there are no messages", () => {
    expect(github([load("sample")[2]!], ctx)).toBe("");
  });

  it.skipIf(!canLint)("annotates the flagged bundled postings (through the CLI)", async () => {
    const { stdout, stderr } = await jdlint(["--format", "github", "fixtures/postings"]);
    expect(stderr).toBe("");
    const results = JSON.parse((await jdlint(["--format", "json", "fixtures/postings"])).stdout) as LintResult[];
    const annotations = parse(stdout);
    expect(annotations).toHaveLength(results.reduce((s, r) => s + r.messages.length, 0));
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expect(a.props.file).toMatch(/^fixtures\/postings\/[^/]+\.(md|txt)$/);
      expect(existsSync(a.props.file!)).toBe(true);
      expect(Number(a.props.line)).toBeGreaterThan(0);
      expect(a.props.title).toMatch(/^jdlint [a-z-]+$/);
    }
    expect(annotations.map((a) => a.props.title)).toContain("jdlint title-duty-mismatch");
    expect(annotations.map((a) => a.props.file)).toContain("fixtures/postings/marketing-director-outbound.md");
  });
});
