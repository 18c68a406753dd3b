import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeText } from "../src/cli/decode.js";
import type { LintResult } from "../src/engine/result.js";
import { JdlintInputError, lintText } from "../src/index.js";
import { POSTING_EXTENSIONS } from "../src/parsers/index.js";
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";
import { readCommonWords } from "../src/cli/knowledge-files.js";
import { stem, stemTableText } from "../src/text/stem.js";
import { playgroundKnowledge } from "../tools/playground.js";
import { checkPosting, playgroundSettings, type Checked } from "../web/src/core.js";
import { readEmbeddedKnowledge, type EmbeddedKnowledge } from "../web/src/knowledge.js";
import { dutyMarks, sourceLines } from "../web/src/highlight.js";
import { jdlint } from "./helpers/cli.js";

// Every file under fixtures/ that jdlint reads as postings (configs, plugins and the like are not).
const FIXTURES = (readdirSync("fixtures", { recursive: true }) as string[])
  .map((f) => join("fixtures", f).split("\\").join("/"))
  .filter((f) => {
    const ext = /\.([a-z0-9]+)$/i.exec(f)?.[1]?.toLowerCase();
    return ext !== undefined && ext in POSTING_EXTENSIONS;
  })
  .sort();

/** What must be the same wherever a posting is linted: everything but the name of the file. */
function comparable(r: LintResult) {
  return { recordId: r.recordId, title: r.title, verdict: r.verdict, messages: r.messages, errorCount: r.errorCount, warningCount: r.warningCount, infoCount: r.infoCount };
}

describe("the playground's core gives the CLI's verdict on every fixture", () => {
  let embedded: EmbeddedKnowledge;
  let page: (file: string) => Checked;
  const cli = new Map<string, LintResult[]>();

  beforeAll(async () => {
    // The knowledge as the page carries it: built as the page build does, read back as the page does.
    embedded = await playgroundKnowledge(process.cwd());
    const settings = playgroundSettings(readEmbeddedKnowledge(embedded));
    page = (file) => {
      const decoded = decodeText(readFileSync(file));
      if ("error" in decoded) throw new Error(decoded.error);
      return checkPosting(settings, decoded.text, basename(file));
    };
    const run = await jdlint(["--no-config", "--format", "json", ...FIXTURES]);
    for (const r of JSON.parse(run.stdout) as LintResult[]) cli.set(r.filePath, [...(cli.get(r.filePath) ?? []), r]);
  }, 120_000);

  it("has fixtures in every format", () => {
    expect(FIXTURES.length).toBeGreaterThan(80);
    for (const ext of ["md", "txt", "html", "json", "jsonld", "jsonl", "csv"]) expect(FIXTURES.some((f) => f.endsWith(`.${ext}`)), ext).toBe(true);
  });

  for (const file of FIXTURES) {
    it(file, async () => {
      const checked = page(file);
      // The CLI's JSON for the file: the same postings, verdicts and messages.
      expect(checked.results.map(comparable)).toEqual((cli.get(file) ?? []).map(comparable));
      // The library API: the same results, or the same problems with the input.
      let api: LintResult[] = [];
      let problems: Array<{ line: number | null; reason: string }> = [];
      try {
        api = await lintText(readFileSync(file, "utf8"), { filePath: file, config: { configFile: false } });
      } catch (e) {
        if (!(e instanceof JdlintInputError)) throw e;
        problems = e.problems.map((p) => ({ line: p.line, reason: p.reason }));
      }
      expect(checked.problems).toEqual(problems);
      if (!problems.length) expect(checked.results.map(comparable)).toEqual(api.map(comparable));
    });
  }

  it("carries the stems of the common words, as the stemmer gives them, and looks them up there", () => {
    const entries = [...embedded.stems.matchAll(/\|([^=|\n]+)=([^|\n]*)/g)];
    expect(entries.length).toBe(new Set(readCommonWords()).size);
    for (const [, word, stemmed] of entries) expect(stemmed, word).toBe(porter.stem(word!));
    // A word the page's table alone knows, in the bucket where the table looks for it.
    const bucket = stemTableText(["zqxpageword"]).split("\n").findIndex((line) => line !== "");
    const lines = embedded.stems.split("\n");
    lines[bucket] += "|zqxpageword=from-the-page-table";
    readEmbeddedKnowledge({ ...embedded, stems: lines.join("\n") });
    expect(stem("zqxpageword")).toBe("from-the-page-table");
    readEmbeddedKnowledge(embedded);
  });
});

describe("the playground marks duty lines where they stand in the text", () => {
  it("marks each duty line of a Markdown posting whole, with its family", async () => {
    const file = "fixtures/postings/marketing-director-outbound.md";
    const text = readFileSync(file, "utf8");
    const [result] = await lintText(text, { filePath: file, config: { configFile: false } });
    const marks = dutyMarks(text, [result!]);
    expect(marks.map((m) => text.slice(m.start, m.end))).toEqual(result!.verdict.evidence.map((e) => e.text));
    expect(marks.every((m) => m.family === "sales")).toBe(true);
    const lines = sourceLines(text, marks);
    expect(lines.map((l) => l.pieces.map((p) => p.text).join(""))).toEqual(text.split("\n"));
    const marked = lines.filter((l) => l.pieces.some((p) => p.mark && p.first)).map((l) => l.number);
    expect(marked).toEqual(result!.verdict.evidence.map((e) => e.line));
  });

  it("finds a JSON posting's duty lines inside the string that holds them", async () => {
    const file = "fixtures/formats/same-posting/posting.json";
    const text = readFileSync(file, "utf8");
    const [result] = await lintText(text, { filePath: file, config: { configFile: false } });
    const marks = dutyMarks(text, [result!]);
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(result!.verdict.evidence.map((e) => e.text)).toContain(text.slice(m.start, m.end));
  });
});
