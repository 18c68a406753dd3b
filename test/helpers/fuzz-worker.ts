/**
 * Reads and lints generated inputs for the property tests, on a worker thread of its own, so that an input on
 * which a parser hangs is caught by fast-check's time limit (the test's thread stays free) rather than stopping
 * the run. It sends back, for each input, what the properties look at: each posting's spans and reported
 * locations, its verdict, and whether a second reading gave the same result. Bundled by test/helpers/fuzz.ts.
 */
import { parentPort } from "node:worker_threads";
import { builtinRules } from "../../rules/index.js";
import { loadBuiltinKnowledge } from "../../src/cli/knowledge-files.js";
import { checkOptions } from "../../src/config/rules.js";
import { InputError } from "../../src/data/errors.js";
import { documentDirectives, frontMatterSettings } from "../../src/engine/directives.js";
import { lintDocument, type LintSettings } from "../../src/engine/linter.js";
import type { LintResult } from "../../src/engine/result.js";
import { DEFAULT_THRESHOLDS } from "../../src/judge/thresholds.js";
import type { PostingDocument } from "../../src/model/document.js";
import type { Location } from "../../src/model/span.js";
import { parsePostings, type InputFormat } from "../../src/parsers/index.js";

export interface FuzzRequest {
  text: string;
  format: InputFormat;
  /** The name the input goes by: its ending says the format where `format` leaves it open. */
  file: string;
}

/** What one posting read from an input shows the properties. */
export interface PostingFacts {
  textLength: number;
  /** Spans of the analysed text: title, sections, headings, sentences. */
  spans: Array<[string, number, number]>;
  /** Every line/column the posting reports: its spans located, its comments, messages, evidence and quotas. */
  locations: Array<[string, Location]>;
  verdict: { titleFamily: string; dutyFamily: string; status: string; ruleIds: string[] };
}

export type FuzzItem = { error: string; line: number | null } | { posting: PostingFacts };

export type FuzzReply = { items: FuzzItem[]; sameTwice: boolean } | { crash: string };

const knowledge = await loadBuiltinKnowledge();
const settings: LintSettings = {
  knowledge,
  rules: builtinRules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity, options: checkOptions(rule, {}) })),
  thresholds: DEFAULT_THRESHOLDS,
};

function facts(doc: PostingDocument, r: LintResult): PostingFacts {
  const spans: PostingFacts["spans"] = [];
  const locations: PostingFacts["locations"] = [];
  const span = (what: string, s: { start: number; end: number } | null) => {
    if (!s) return;
    spans.push([what, s.start, s.end]);
    locations.push([what, doc.locator.locate(s)]);
  };
  span("title", doc.titleSpan);
  doc.sections.forEach((s, i) => {
    span(`section ${i}`, s.span);
    span(`heading ${i}`, s.headingSpan);
  });
  doc.sentences.forEach((s, i) => span(`sentence ${i}`, s.span));
  for (const c of doc.comments ?? []) {
    locations.push(["comment", c.location]);
    if (c.nextLine) locations.push(["comment's next line", c.nextLine]);
  }
  for (const m of r.messages) locations.push([`message ${m.ruleId}`, m]);
  for (const e of r.verdict.evidence) locations.push(["evidence", e]);
  for (const q of r.verdict.quotas) locations.push(["quota", { line: q.line, column: q.column, endLine: q.line, endColumn: q.column }]);
  const v = r.verdict;
  return {
    textLength: doc.text.length,
    spans,
    locations,
    verdict: { titleFamily: v.titleFamily, dutyFamily: v.dutyFamily, status: v.status, ruleIds: [...new Set(r.messages.map((m) => m.ruleId))].sort() },
  };
}

/** Parses and lints as the CLI does; an InputError is a reported input problem, anything else thrown is a crash. */
function read({ text, format, file }: FuzzRequest): { items: FuzzItem[]; results: LintResult[] } {
  const items: FuzzItem[] = [];
  const results: LintResult[] = [];
  try {
    for (const doc of parsePostings(knowledge, text, file, { format })) {
      if (doc instanceof InputError) {
        items.push({ error: doc.reason, line: doc.line });
        continue;
      }
      frontMatterSettings(doc.meta);
      const directives = documentDirectives(doc.raw, doc.format, doc.meta, doc.comments);
      const result = lintDocument(doc, "posting", settings, { directives, reportUnused: true });
      results.push(result);
      items.push({ posting: facts(doc, result) });
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    items.push({ error: e.reason, line: e.line });
  }
  return { items, results };
}

parentPort!.on("message", (request: FuzzRequest) => {
  let reply: FuzzReply;
  try {
    const first = read(request);
    const second = read(request);
    reply = { items: first.items, sameTwice: JSON.stringify(second) === JSON.stringify(first) };
  } catch (e) {
    reply = { crash: (e as Error)?.stack ?? String(e) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage("ready");
