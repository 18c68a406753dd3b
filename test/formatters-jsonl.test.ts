import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { jsonl } from "../src/formatters/jsonl.js";
import { jdlint } from "./helpers/cli.js";

const load = (name: string) => JSON.parse(readFileSync(`fixtures/results/${name}.json`, "utf8")) as LintResult[];
const ctx = { color: false, cwd: "/repo" };
const canLint = existsSync("rules/titles.yaml");

function parseLines(text: string): LintResult[] {
  expect(text.endsWith("\n")).toBe(true);
  return text.trimEnd().split("\n").map((line) => JSON.parse(line) as LintResult);
}

describe("jsonl format", () => {
  it("writes one result per line, equal to the results", () => {
    for (const name of ["sample", "hostile"]) {
      const results = load(name);
      const out = jsonl(results, ctx);
      expect(out.split("\n")).toHaveLength(results.length + 1);
      expect(parseLines(out)).toEqual(results);
    }
  });

  it("writes nothing for no results", () => {
    expect(jsonl([], ctx)).toBe("");
  });

  it.skipIf(!canLint)("matches the json format for the bundled postings (through the CLI)", async () => {
    const lines = await jdlint(["--format", "jsonl", "fixtures/postings"]);
    const array = await jdlint(["--format", "json", "fixtures/postings"]);
    expect(lines.stderr).toBe("");
    expect(parseLines(lines.stdout)).toEqual(JSON.parse(array.stdout));
    expect(parseLines(lines.stdout).length).toBeGreaterThanOrEqual(8);
  });
});
