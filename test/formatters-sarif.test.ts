import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { Log, Result } from "sarif";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import type { LintResult } from "../src/engine/result.js";
import { sarif } from "../src/formatters/sarif.js";
import { jdlint } from "./helpers/cli.js";

const load = (name: string) => JSON.parse(readFileSync(`fixtures/results/${name}.json`, "utf8")) as LintResult[];
const ctx = { color: false, cwd: "/repo", rules: builtinRules.map((r) => r.meta), version: "0.1.0" };
const canLint = existsSync("rules/titles.yaml");

// The official SARIF 2.1.0 schema (rtm.5, the final 2.1.0 text) as Microsoft ships it; it is draft-04 JSON Schema.
const schemaPath = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
// unicodeRegExp off: one pattern of the schema (language tags) is not valid with the u flag.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

function parseValid(out: string): Log {
  const log = JSON.parse(out) as Log;
  expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
  return log;
}

describe("sarif format", () => {
  it("is checked against a schema that rejects what it should", () => {
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] })).toBe(false);
  });

  it("is valid SARIF 2.1.0 with the rules described", () => {
    const log = parseValid(sarif(load("sample"), ctx));
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: "jdlint", version: "0.1.0" });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const [rule] = driver.rules!;
    expect(rule).toMatchObject({
      id: "title-duty-mismatch",
      shortDescription: { text: builtinRules[0]!.meta.description },
      defaultConfiguration: { level: "error" },
    });
    expect(rule!.helpUri).toMatch(/^https:\/\/.*rules\/docs\/title-duty-mismatch\.md$/);
    expect(rule!.help!.text).toContain(rule!.helpUri);
    expect(rule!.help!.markdown).toContain(`(${rule!.helpUri})`);
  });

  it("reports each message with its location, evidence and the top retitle as a fix", () => {
    const results = parseValid(sarif(load("sample"), ctx)).runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ["title-duty-mismatch", 0, "error"],
      ["title-duty-mismatch", 0, "warning"],
    ]);
    const [mismatch, absent] = results as [Result, Result];
    const title = { startLine: 9, startColumn: 3, endLine: 9, endColumn: 21 };
    expect(mismatch.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: "jobs/marketing-director-outbound.md" }, region: title });
    expect(mismatch.relatedLocations!.map((l) => [l.id, l.physicalLocation!.region!.startLine, l.message!.text])).toEqual([
      [1, 13, "sales: Make 50 outbound calls and send 50 cold emails a day to fleet managers in your territory."],
      [2, 16, "sales: Close new contracts each month against a monthly quota of 12 signed accounts."],
    ]);
    expect(mismatch.fixes).toEqual([
      {
        description: { text: 'Retitle as "Inside Sales Representative"' },
        artifactChanges: [
          {
            artifactLocation: { uri: "jobs/marketing-director-outbound.md" },
            replacements: [{ deletedRegion: title, insertedContent: { text: "Inside Sales Representative" } }],
          },
        ],
      },
    ]);
    // No suggestion, and a zero-width region: no fix.
    expect(absent.fixes).toBeUndefined();
    expect(absent.relatedLocations).toBeUndefined();
  });

  it("still describes a rule it was not given, and gives no file: URL for a path under cwd", () => {
    const log = parseValid(sarif(load("sample"), { color: false, cwd: "/repo" }));
    expect(log.runs[0]!.tool.driver.rules).toEqual([{ id: "title-duty-mismatch" }]);
    const outside = parseValid(sarif(load("sample"), { color: false, cwd: "/elsewhere" }));
    expect(outside.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe("file:///repo/jobs/marketing-director-outbound.md");
  });

  it("keeps hostile text intact and the URI well formed", () => {
    const [hostile] = load("hostile");
    const log = parseValid(sarif([hostile!], ctx));
    const [error, info] = log.runs[0]!.results!;
    expect(error!.message.text).toBe(hostile!.messages[0]!.message);
    expect(error!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe("jobs/we%7Crd%2C%20na%3Ame%25.md");
    expect(error!.fixes![0]!.artifactChanges[0]!.replacements[0]!.insertedContent!.text).toBe('Sales <b>Rep</b> | "Closer"');
    expect(info!.level).toBe("note");
  });

  it.skipIf(!canLint)("is valid for the bundled postings, with regions that hold the titles (through the CLI)", async () => {
    const { stdout, stderr } = await jdlint(["--format", "sarif", "fixtures/postings"]);
    expect(stderr).toBe("");
    const results = parseValid(stdout).runs[0]!.results!;
    const lintResults = JSON.parse((await jdlint(["--format", "json", "fixtures/postings"])).stdout) as LintResult[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const { artifactLocation, region } = r.locations![0]!.physicalLocation!;
      expect(artifactLocation!.uri).toMatch(/^fixtures\/postings\/[^/]+\.(md|txt)$/);
      const lines = readFileSync(artifactLocation!.uri!, "utf8").split(/\r?\n/);
      const regionText = lines[region!.startLine! - 1]!.slice(region!.startColumn! - 1, region!.endColumn! - 1);
      const posting = lintResults.find((l) => artifactLocation!.uri === l.filePath || l.filePath.endsWith(`/${artifactLocation!.uri}`));
      // The retitle rule points at the title; other rules point at the sentence that shows the problem.
      if (r.ruleId === "title-duty-mismatch") expect(regionText).toBe(posting!.title);
      else expect(regionText.length).toBeGreaterThan(0);
      for (const fix of r.fixes ?? []) expect(fix.artifactChanges[0]!.replacements[0]!.deletedRegion).toEqual(region);
      for (const related of r.relatedLocations ?? []) {
        const at = related.physicalLocation!.region!;
        const line = lines[at.startLine! - 1]!;
        expect(related.message!.text).toContain(line.slice(at.startColumn! - 1, at.startColumn! + 10).trim());
      }
    }
    expect(results.some((r) => r.fixes?.length)).toBe(true);
  });
});
