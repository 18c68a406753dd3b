import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { jdlint } from "./helpers/cli.js";
import { readExpectation } from "./helpers/expectations.js";

// The bundled samples, and the kinds of posting the verdict is known to find hard (fixtures/duty-classes).
const DIRS = ["fixtures/postings", "fixtures/duty-classes"];
const files = DIRS.flatMap((dir) => readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f) && f !== "README.md").sort().map((f) => join(dir, f)));

describe("bundled sample postings behave as their expectations say (through the CLI)", () => {
  it("has samples", () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
  });

  for (const path of files) {
    it(path, async () => {
      const expected = readExpectation(readFileSync(path, "utf8"), path);
      const { code, stdout, stderr } = await jdlint(["--format", "json", path]);
      expect(stderr).toBe("");
      const [result] = JSON.parse(stdout) as LintResult[];
      const v = result!.verdict;
      if (expected.status) expect(v.status, v.summary).toBe(expected.status);
      if (expected.titleFamily) expect(v.titleFamily).toBe(expected.titleFamily);
      if (expected.dutyFamily) expect(v.dutyFamily, v.summary).toBe(expected.dutyFamily);
      if (expected.messages) {
        const got = result!.messages.map((m) => `${m.ruleId} ${m.severity} ${m.line}:${m.column}`);
        expect(got).toEqual(expected.messages);
        expect(code).toBe(result!.errorCount > 0 ? 1 : 0);
      }
      if (expected.suggests) {
        const titles = v.suggestedTitles.map((s) => s.title);
        expect(titles.length).toBeGreaterThanOrEqual(2);
        expect(titles.length).toBeLessThanOrEqual(4);
        expect(titles.some((t) => expected.suggests!.includes(t)), `suggested: ${titles.join(", ")}`).toBe(true);
      }
    });
  }
});
