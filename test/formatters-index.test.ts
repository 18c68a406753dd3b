import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatters } from "../src/formatters/index.js";
import { jdlint } from "./helpers/cli.js";

const canLint = existsSync("rules/titles.yaml");
const dir = mkdtempSync(join(tmpdir(), "jdlint-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("output formats", () => {
  it("are all registered for --format", () => {
    expect(Object.keys(formatters).sort()).toEqual(["github", "html", "json", "jsonl", "junit", "markdown", "sarif", "stylish"]);
  });

  for (const name of Object.keys(formatters)) {
    it.skipIf(!canLint)(`${name} is written to --output-file, the same as to standard output`, async () => {
      const file = join(dir, `report.${name}`);
      const toFile = await jdlint(["--format", name, "--output-file", file, "fixtures/postings"]);
      const toStdout = await jdlint(["--format", name, "fixtures/postings"]);
      expect(toFile.stderr).toBe("");
      expect(toFile.stdout).toBe("");
      expect(toFile.code).toBe(toStdout.code);
      expect(readFileSync(file, "utf8")).toBe(toStdout.stdout);
    });
  }
});
