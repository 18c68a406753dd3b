import { existsSync, readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { junit } from "../src/formatters/junit.js";
import { jdlint } from "./helpers/cli.js";

const load = (name: string) => JSON.parse(readFileSync(`fixtures/results/${name}.json`, "utf8")) as LintResult[];
const ctx = { color: false, cwd: "/repo" };
const canLint = existsSync("rules/titles.yaml");

interface Testcase {
  "@_classname": string;
  "@_name": string;
  failure?: { "@_message": string; "@_type": string; "#text": string };
  "system-out"?: string;
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === "testcase",
    htmlEntities: true,
  }).parse(xml);
  const suite = doc.testsuites.testsuite;
  return { suites: doc.testsuites, suite, cases: (suite.testcase ?? []) as Testcase[] };
}

describe("junit format", () => {
  it("writes a testsuite with a testcase per posting, failed by its errors", () => {
    const { suites, suite, cases } = parse(junit(load("sample"), ctx));
    expect(suites["@_tests"]).toBe("3");
    expect(suite).toMatchObject({ "@_name": "jdlint", "@_tests": "3", "@_failures": "1", "@_errors": "0" });
    expect(cases.map((c) => [c["@_classname"], c["@_name"]])).toEqual([
      ["jobs/marketing-director-outbound.md", "Marketing Director"],
      ["jobs/openings.jsonl", "Customer Service Associate (cs-12)"],
      ["jobs/sales-and-marketing-manager.md", "Sales and Marketing Manager"],
    ]);
    const [fail, warn, pass] = cases;
    expect(fail!.failure!["@_type"]).toBe("title-duty-mismatch");
    expect(fail!.failure!["@_message"]).toMatch(/^Title says marketing, but the duties are sales/);
    expect(fail!.failure!["#text"]).toContain("13:3 sales: Make 50 outbound calls");
    expect(fail!.failure!["#text"]).toContain("retitle as: Inside Sales Representative");
    // A warning does not fail the testcase: it is reported in system-out.
    expect(warn!.failure).toBeUndefined();
    expect(warn!["system-out"]).toMatch(/^3:11 warning Title says customer service/);
    expect(pass!.failure).toBeUndefined();
  });

  it("escapes hostile text so that it parses back unchanged", () => {
    const [hostile] = load("hostile");
    const xml = junit([hostile!], ctx);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    const [c] = parse(xml).cases;
    expect(c!["@_name"]).toBe(`${hostile!.title} (${hostile!.recordId})`);
    expect(c!["@_classname"]).toBe("jobs/we|rd, na:me%.md");
    // A line break in an attribute survives as a character reference; in text, XML folds CR LF to LF. Control characters are dropped.
    expect(c!.failure!["@_message"]).toBe(hostile!.messages[0]!.message);
    expect(c!.failure!["#text"]).toContain("Cold call <img src=x onerror=alert(1)> 100% of\nleads | [link](javascript:alert(1)) ]]> & more");
    expect(c!.failure!["#text"]).not.toContain("\u0001");
    expect(c!["system-out"]).toBe("4:1 info info: 50% <done>\nsecond line (title-duty-mismatch)");
  });

  it("writes an empty suite for no postings", () => {
    const { suite, cases } = parse(junit([], ctx));
    expect(suite["@_tests"]).toBe("0");
    expect(cases).toEqual([]);
  });

  it.skipIf(!canLint)("has a testcase per bundled posting, failures for the errors (through the CLI)", async () => {
    const { stdout, stderr } = await jdlint(["--format", "junit", "fixtures/postings"]);
    expect(stderr).toBe("");
    const results = JSON.parse((await jdlint(["--format", "json", "fixtures/postings"])).stdout) as LintResult[];
    const { suite, cases } = parse(stdout);
    expect(cases).toHaveLength(results.length);
    expect(Number(suite["@_failures"])).toBe(results.filter((r) => r.errorCount > 0).length);
    expect(cases.filter((c) => c.failure)).toHaveLength(results.filter((r) => r.errorCount > 0).length);
    for (const c of cases) expect(c["@_classname"]).toMatch(/^fixtures\/postings\//);
  });
});
