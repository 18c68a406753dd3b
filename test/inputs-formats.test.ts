import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { jdlint, type CliRun } from "./helpers/cli.js";

const DIR = "fixtures/formats/same-posting";
const CORPUS = "/work/shared/data/postings/corpus.jsonl";

/** What must not depend on the format: the verdict, its evidence (text, family, sub-functions) and the messages. */
function judgement(r: LintResult) {
  const v = r.verdict;
  return {
    title: r.title,
    status: v.status,
    finding: v.finding,
    titleFamily: v.titleFamily,
    dutyFamily: v.dutyFamily,
    dutyMix: v.dutyMix,
    confidence: v.confidence,
    suggestedTitles: v.suggestedTitles,
    evidence: v.evidence.map((e) => ({ family: e.family, text: e.text, subfunctions: e.subfunctions })),
    quotas: v.quotas.map((q) => ({ count: q.count, activity: q.activity, period: q.period, text: q.text })),
    // A message may name a line, which is the format's own.
    messages: r.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message.replace(/\blines? \d+(?:(?:, | and )\d+)*/g, "line N") })),
  };
}

describe("one posting in every format gets the same verdict and the same evidence", () => {
  const files = readdirSync(DIR).sort();
  let run: CliRun;
  let results: LintResult[];
  beforeAll(async () => {
    run = await jdlint(["--format", "json", DIR]);
    results = JSON.parse(run.stdout || "[]") as LintResult[];
  });

  it("reads every format in the folder", () => {
    const { code, stderr } = run;
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(files).toEqual([
      "greenhouse.json",
      "lever.json",
      "posting-jsonld.html",
      "posting.csv",
      "posting.html",
      "posting.json",
      "posting.jsonld",
      "posting.md",
      "posting.txt",
      "postings.jsonl",
    ]);
    // postings.jsonl holds the posting as a record, JSON-LD, Greenhouse and Lever object, one a line.
    expect(results).toHaveLength(files.length - 1 + 4);
  });

  it("has equal verdicts, evidence and messages", () => {
    const reference = judgement(results.find((r) => r.filePath.endsWith("posting.md"))!);
    expect(reference.evidence.length).toBeGreaterThanOrEqual(3);
    for (const r of results) expect(judgement(r), `${r.filePath} ${r.recordId ?? ""}`).toEqual(reference);
  });

  // Every format maps its text back to the column it stands at: JSON strings too, character by character.
  it("points every evidence line at the source line and column it came from", () => {
    for (const r of results) {
      const lines = readFileSync(r.filePath, "utf8").split(/\r?\n/);
      for (const e of r.verdict.evidence) {
        const where = `${r.filePath}:${e.line}:${e.column} ${e.text}`;
        const line = lines[e.line - 1] ?? "";
        expect(line, where).toContain(e.text.split(" ").slice(0, 3).join(" "));
        expect(line.slice(e.column - 1), where).toMatch(new RegExp(`^${e.text.slice(0, 20)}`));
      }
    }
  });

  it("gives each JSONL result its record's id, else its line number", () => {
    const jsonl = results.filter((r) => r.filePath.endsWith(".jsonl"));
    expect(jsonl.map((r) => r.recordId)).toEqual(["bw-101", "bw-101", "4012345", "5a1c2b3d-0000-4000-8000-00000000b101"]);
    expect(jsonl.map((r) => r.verdict.evidence[0]!.line)).toEqual([1, 2, 3, 4]);
  });
});

describe("format edge cases through the command line", () => {
  it("reports a malformed JSONL line with its number while the other lines are linted", async () => {
    const { code, stdout, stderr } = await jdlint(["--format", "json", "fixtures/formats/edge/bad-lines.jsonl"]);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^jdlint: fixtures\/formats\/edge\/bad-lines\.jsonl:2: not valid JSON/),
      "jdlint: fixtures/formats/edge/bad-lines.jsonl:4: a posting must be a JSON object",
    ]);
    expect((JSON.parse(stdout) as LintResult[]).map((r) => r.recordId)).toEqual(["ok-1", "5"]);
    expect(code).toBe(2);
  });

  it("maps CSV columns named otherwise with --csv-columns", async () => {
    const args = ["--format", "json", "--csv-columns", "title=Job Name,description=Body,id=Req Ref", "fixtures/formats/edge/quotes.csv"];
    const { stdout, stderr } = await jdlint(args);
    expect(stderr).toBe("");
    const results = JSON.parse(stdout) as LintResult[];
    expect(results.map((r) => [r.recordId, r.title])).toEqual([
      ["R-1", 'Sales "Hunter" Representative'],
      ["R-2", "Marketing Assistant"],
    ]);
  });

  it("rejects a malformed --csv-columns as a usage error", async () => {
    const { code, stderr } = await jdlint(["--csv-columns", "title", "fixtures/formats/edge/quotes.csv"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/field=Column/);
  });

  it("reads a file as the format --input-format names", async () => {
    const { stdout, stderr } = await jdlint(["--format", "json", "--input-format", "markdown", join(DIR, "posting.txt")]);
    expect(stderr).toBe("");
    expect((JSON.parse(stdout) as LintResult[])[0]!.verdict.status).toBe("fail");
  });
});

// The whole corpus takes about a minute; by default its first records are streamed through standard input.
// JDLINT_FULL_CORPUS=1 lints all of it from the file.
const FULL = process.env.JDLINT_FULL_CORPUS === "1";
const SAMPLE_LINES = 1500;

describe.runIf(existsSync(CORPUS))("the real corpus", () => {
  it(`lints end to end as JSONL (${FULL ? "all records" : `the first ${SAMPLE_LINES} records`}), each result carrying its record's id`, { timeout: 300_000 }, async () => {
    const lines = readFileSync(CORPUS, "utf8").split("\n").filter((l) => l.trim());
    const taken = FULL ? lines : lines.slice(0, SAMPLE_LINES);
    const bytes = Buffer.from(taken.join("\n") + "\n");
    const stdin = { piped: true, chunks: async function* () { yield bytes; } };
    const { stdout, stderr } = FULL
      ? await jdlint(["--format", "json", CORPUS])
      : await jdlint(["--format", "json", "--stdin-filename", "corpus.jsonl", "-"], { stdin });
    expect(stderr).toBe("");
    const results = JSON.parse(stdout) as LintResult[];
    expect(results.map((r) => r.recordId)).toEqual(taken.map((l) => String((JSON.parse(l) as { id: unknown }).id)));
    expect(results.every((r) => r.verdict.status)).toBe(true);
  });
});
