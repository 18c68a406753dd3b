/**
 * Accuracy harness: lints labelled real postings and prints how well the verdicts agree with the labels.
 *
 *   npm run eval -- --corpus ../shared/data/postings/corpus.jsonl --labels ../shared/data/labels/dev.jsonl
 *
 * Figures: recall of major mismatches, precision of flags (a flagged minor is not a false positive), duty-family
 * accuracy on high-confidence labels, the flag rate on corpus postings outside sales, marketing and customer
 * service, and a title-swap check (clean postings given another function's title must be flagged).
 * Add --misses to list the postings behind each miss, --json for machine-readable figures.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { compileKnowledge, type Knowledge } from "../src/lexicon/knowledge.js";
import { defaultRules } from "../src/config/rules.js";
import { builtinRules } from "../rules/index.js";
import { lintDocument, type LintSettings } from "../src/engine/linter.js";
import type { LintResult } from "../src/engine/result.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../src/judge/thresholds.js";
import { parseRecord, type PostingRecord } from "../src/parsers/record.js";

interface Label {
  id: string;
  title_family: string;
  duty_family: string;
  mismatch_severity: "major" | "minor" | "none";
  confidence: "high" | "medium" | "low";
}

// Titles that could belong to sales, marketing or customer service, by a test independent of the lexicons:
// a posting whose title has none of these words is outside those functions.
const FUNCTION_WORDS =
  /market|sale|sell|account|business dev|customer|client|brand|promot|advertis|retail|store|shop|merchandis|call cent|contact cent|communica|public relations|\bpr\b|growth|seo|social|content|lead|ambassador|represent|agent|consult|partner|commerc|revenue|telesales|events?\b|campaign|media|relationship|success|support|service|care|insurance|estate|realtor|broker|recruit|fundrais|donor|canvass|outreach/i;

// Swap targets for the title-swap check, by family and by whether the original title is a manager or above.
const SWAP_TITLES: Record<string, { junior: string; senior: string }> = {
  marketing: { junior: "Marketing Coordinator", senior: "Marketing Manager" },
  sales: { junior: "Sales Representative", senior: "Sales Manager" },
  customer_service: { junior: "Customer Service Representative", senior: "Customer Service Manager" },
};
const SENIOR_LEVELS = new Set(["manager", "director", "vp", "chief"]);

function ratio(n: number, d: number): number {
  return d === 0 ? NaN : n / d;
}

function fmt(x: number): string {
  return Number.isNaN(x) ? "n/a" : x.toFixed(3);
}

async function* records(path: string): AsyncGenerator<PostingRecord & { id: string }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line);
}

function lint(knowledge: Knowledge, settings: LintSettings, rec: PostingRecord, title?: string): LintResult {
  const doc = parseRecord(knowledge, title === undefined ? rec : { ...rec, title }, {
    file: "corpus",
    source: "",
    firstLine: 1,
    fallbackId: String(rec.id ?? ""),
  });
  return lintDocument(doc, "corpus", settings);
}

export interface EvalOptions {
  corpusPath: string;
  labelsPath: string;
  thresholds?: Thresholds;
}

/** Lints the corpus against the labels and returns the figures (the data behind `npm run eval`). */
export async function evaluate(opts: EvalOptions) {
  const { corpusPath, labelsPath } = opts;
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const knowledge = compileKnowledge(await readBuiltinSources());
  const settings: LintSettings = { knowledge, rules: defaultRules(builtinRules), thresholds };
  const labels = new Map<string, Label>();
  for (const line of (await readFile(labelsPath, "utf8")).split("\n")) if (line.trim()) {
    const l = JSON.parse(line) as Label;
    labels.set(l.id, l);
  }

  const c = { major: 0, majorHit: 0, majorSM: 0, majorSMHit: 0, flagged: 0, flaggedOk: 0, high: 0, highOk: 0, outside: 0, outsideFlagged: 0, swaps: 0, swapHit: 0, titleOk: 0, labelled: 0 };
  const confusion = new Map<string, number>();
  // The same figures per source board: a board the vocabulary fits badly shows here first.
  const bySource = new Map<string, { major: number; hit: number; flagged: number; ok: number }>();
  const sourceOf = (id: string) => (id.split(":")[0] ?? "").replace(/-(a|b|uk\d*|ke|au|sg|kh|de)$|\d+$/, "") || "?";
  const misses: Record<string, string[]> = { major: [], falseFlag: [], duty: [], outside: [], swap: [] };
  const started = Date.now();
  for await (const rec of records(corpusPath)) {
    const label = labels.get(rec.id);
    const result = lint(knowledge, settings, rec);
    const v = result.verdict;
    const flagged = v.status !== "pass";
    const line = `${rec.id}  "${rec.title}"  title=${v.titleFamily} duties=${v.dutyFamily} conf=${v.confidence}`;
    if (!label) {
      if (!FUNCTION_WORDS.test(rec.title ?? "")) {
        c.outside++;
        if (flagged) {
          c.outsideFlagged++;
          misses.outside!.push(line);
        }
      }
      continue;
    }
    c.labelled++;
    if (v.titleFamily === label.title_family) c.titleOk++;
    if (label.title_family === "other" && label.duty_family === "other" && !FUNCTION_WORDS.test(rec.title ?? "")) {
      c.outside++;
      if (flagged) {
        c.outsideFlagged++;
        misses.outside!.push(line);
      }
    }
    if (label.mismatch_severity === "major") {
      c.major++;
      const s = bySource.get(sourceOf(rec.id)) ?? { major: 0, hit: 0, flagged: 0, ok: 0 };
      bySource.set(sourceOf(rec.id), s);
      s.major++;
      if (flagged) s.hit++;
      if (flagged) c.majorHit++;
      else misses.major!.push(`${line}  label=${label.title_family}->${label.duty_family}`);
      if (label.title_family !== "other" && ["sales", "marketing"].some((f) => f === label.title_family || f === label.duty_family)) {
        c.majorSM++;
        if (flagged) c.majorSMHit++;
      }
    }
    if (flagged) {
      c.flagged++;
      const s = bySource.get(sourceOf(rec.id)) ?? { major: 0, hit: 0, flagged: 0, ok: 0 };
      bySource.set(sourceOf(rec.id), s);
      s.flagged++;
      if (label.mismatch_severity !== "none") s.ok++;
      if (label.mismatch_severity !== "none") c.flaggedOk++;
      else misses.falseFlag!.push(`${line}  label=${label.title_family}->${label.duty_family}`);
    }
    if (label.confidence === "high") {
      const key = `${label.duty_family} -> ${v.dutyFamily}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
      c.high++;
      if (v.dutyFamily === label.duty_family) c.highOk++;
      else misses.duty!.push(`${line}  label duties=${label.duty_family}`);
    }
    const swap = SWAP_TITLES[label.title_family];
    if (label.mismatch_severity === "none" && label.confidence === "high" && swap && label.duty_family === label.title_family) {
      for (const [family, titles] of Object.entries(SWAP_TITLES)) {
        if (family === label.title_family) continue;
        const title = SENIOR_LEVELS.has(v.titleLevel) ? titles.senior : titles.junior;
        c.swaps++;
        if (lint(knowledge, settings, rec, title).verdict.status !== "pass") c.swapHit++;
        else misses.swap!.push(`${rec.id}  "${rec.title}" -> "${title}"  duties=${v.dutyFamily}`);
      }
    }
  }
  const figures = {
    labelled: c.labelled,
    majorRecall: ratio(c.majorHit, c.major),
    majorRecallSalesMarketing: ratio(c.majorSMHit, c.majorSM),
    precision: ratio(c.flaggedOk, c.flagged),
    dutyFamilyAccuracyHigh: ratio(c.highOk, c.high),
    titleFamilyAgreement: ratio(c.titleOk, c.labelled),
    outsideFlagRate: ratio(c.outsideFlagged, c.outside),
    titleSwap: ratio(c.swapHit, c.swaps),
    counts: c,
    seconds: (Date.now() - started) / 1000,
  };
  return { figures, bySource, confusion, misses };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      labels: { type: "string" },
      misses: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      threshold: { type: "string", multiple: true, default: [] },
    },
  });
  const data = process.env.JDLINT_DATA;
  const corpusPath = values.corpus ?? (data ? `${data}/postings/corpus.jsonl` : undefined);
  const labelsPath = values.labels ?? (data ? `${data}/labels/dev.jsonl` : undefined);
  if (!corpusPath || !labelsPath) {
    console.error("usage: npm run eval -- --corpus <corpus.jsonl> --labels <labels.jsonl>  (or set JDLINT_DATA)");
    process.exitCode = 2;
    return;
  }
  // --threshold name=value tries a threshold without editing the defaults.
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const pair of values.threshold ?? []) {
    const [key, value] = pair.split("=");
    if (!key || !(key in thresholds) || value === undefined || Number.isNaN(Number(value))) throw new Error(`bad --threshold ${pair}`);
    (thresholds as Record<string, number>)[key] = Number(value);
  }
  const { figures, bySource, confusion, misses } = await evaluate({ corpusPath, labelsPath, thresholds });
  const c = figures.counts;
  if (values.json) {
    console.log(JSON.stringify(figures, null, 2));
  } else {
    const rows: Array<[string, string, string]> = [
      ["recall of major mismatches", fmt(figures.majorRecall), `${c.majorHit}/${c.major}`],
      ["  ... involving sales or marketing", fmt(figures.majorRecallSalesMarketing), `${c.majorSMHit}/${c.majorSM}`],
      ["precision of flags", fmt(figures.precision), `${c.flaggedOk}/${c.flagged}`],
      ["duty family (high-confidence labels)", fmt(figures.dutyFamilyAccuracyHigh), `${c.highOk}/${c.high}`],
      ["title family agreement", fmt(figures.titleFamilyAgreement), `${c.titleOk}/${c.labelled}`],
      ["title swap flagged", fmt(figures.titleSwap), `${c.swapHit}/${c.swaps}`],
      ["flag rate outside these functions", fmt(figures.outsideFlagRate), `${c.outsideFlagged}/${c.outside}`],
    ];
    console.log(`jdlint eval: ${c.labelled} labelled postings, ${figures.seconds.toFixed(1)} s`);
    for (const [name, value, count] of rows) console.log(`  ${name.padEnd(40)} ${value.padStart(6)}  ${count}`);
    console.log("\n  by source: recall of majors, precision of flags");
    for (const [source, s] of [...bySource.entries()].sort()) {
      console.log(`    ${source.padEnd(16)} recall ${fmt(ratio(s.hit, s.major)).padStart(6)} (${s.hit}/${s.major})   precision ${fmt(ratio(s.ok, s.flagged)).padStart(6)} (${s.ok}/${s.flagged})`);
    }
    console.log("\n  duty family, high-confidence labels (label -> verdict):");
    for (const [key, n] of [...confusion.entries()].sort((a, b) => b[1] - a[1])) {
      const [want, got] = key.split(" -> ");
      if (want !== got) console.log(`    ${key.padEnd(36)} ${n}`);
    }
    if (values.misses) {
      for (const [kind, list] of Object.entries(misses)) {
        console.log(`\n${kind} (${list.length})`);
        for (const m of list) console.log(`  ${m}`);
      }
    }
  }
}

// Run as a script, not when imported (the accuracy test imports evaluate).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
