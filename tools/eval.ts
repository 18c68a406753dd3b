/**
 * Accuracy harness: lints labelled real postings and prints how well the verdicts agree with the labels.
 *
 *   npm run eval -- --corpus ../shared/data/postings/corpus.jsonl --labels ../shared/data/labels/dev.jsonl
 *
 * Figures: recall of major mismatches, precision of flags (a flagged minor is not a false positive), duty-family
 * accuracy on high-confidence labels, the flag rate on corpus postings outside sales, marketing and customer
 * service, and a title-swap check (clean postings given another function's title must be flagged).
 *
 * Each figure is given twice: on the whole labelled set with the shipped thresholds, and held out by board.
 * Cross-validation leaves one job board out at a time, fits the thresholds that are fitted to data (a small
 * grid: see FITTED) on the other boards, and judges the left-out board's postings with them; the held-out
 * figures add up every board's held-out counts. Add --misses to list the postings behind each miss (shipped
 * thresholds), --json for machine-readable figures.
 */
import { createReadStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { toolArgs } from "./tool-args.js";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { compileKnowledge, type Knowledge } from "../src/lexicon/knowledge.js";
import { analyse } from "../src/judge/evidence.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../src/judge/thresholds.js";
import { parseRecord, type PostingRecord } from "../src/parsers/record.js";
import {
  addCounts,
  countCase,
  figuresOf,
  makeCase,
  objective,
  outcome,
  prepare,
  ratio,
  swapTitles,
  TARGETS,
  zeroCounts,
  type Case,
  type Counts,
  type Figures,
  type Label,
  type Outcome,
} from "./eval-cases.js";

/**
 * The thresholds fitted to data, and the values tried for each. Those read while weighing a line (the model's
 * weight) need the posting read again; the rest only decide from the evidence, and are tried on every reading.
 */
const FITTED = {
  reading: { modelWeight: [0, 0.5, 1] },
  deciding: {
    hybridShare: [0.35, 0.4, 0.45],
    minMismatchConfidence: [0.15, 0.2, 0.3],
    salesTitleFloor: [0.15, 0.2, 0.3],
    serviceTitleFloor: [0, 0.2, 0.3],
    partialMaxShare: [0.1, 0.15, 0.25],
    pitchShareOfMarketing: [0.25, 100],
    entryForPitch: [3, 4, 100],
  },
} as const;

/**
 * Postings of the same boards labelled apart from the development set, by the same rubric, and never used to
 * choose a word or a threshold: ids and judgments only (tools/unseen-labels.jsonl).
 */
const UNSEEN_LABELS = fileURLToPath(new URL("../../tools/unseen-labels.jsonl", import.meta.url));

/** What a setting's objective loses per unit of distance from the shipped thresholds (see distance). */
const SHRINK = 0.005;

type Setting = Partial<Record<keyof Thresholds, number>>;

/** Every combination of the values in `grid`. */
function combinations(grid: Record<string, readonly number[]>): Setting[] {
  return Object.entries(grid).reduce<Setting[]>(
    (acc, [key, values]) => acc.flatMap((s) => values.map((v) => ({ ...s, [key]: v }))),
    [{}],
  );
}

function fmt(x: number): string {
  return Number.isNaN(x) ? "n/a" : x.toFixed(3);
}

async function* records(path: string): AsyncGenerator<PostingRecord & { id: string }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line);
}

export interface EvalOptions {
  corpusPath: string;
  labelsPath: string;
  /** The thresholds of the whole-set figures (default: the shipped ones). */
  thresholds?: Thresholds;
  /** Also cross-validate by board (slower: every posting is read once per value of the reading thresholds). */
  crossValidate?: boolean;
}

interface Loaded {
  knowledge: Knowledge;
  cases: Array<{ c: Case; rec: PostingRecord }>;
}

async function load(corpusPath: string, labelsPath: string): Promise<Loaded> {
  const knowledge = compileKnowledge(await readBuiltinSources());
  const labels = new Map<string, Label>();
  for (const line of (await readFile(labelsPath, "utf8")).split("\n")) if (line.trim()) {
    const l = JSON.parse(line) as Label;
    labels.set(l.id, l);
  }
  const cases: Loaded["cases"] = [];
  for await (const rec of records(corpusPath)) {
    const c = makeCase(rec.id, rec.title ?? "", labels.get(rec.id) ?? null);
    if (c) cases.push({ c, rec });
  }
  return { knowledge, cases };
}

function docOf(knowledge: Knowledge, rec: PostingRecord) {
  return parseRecord(knowledge, rec, { file: "corpus", source: "", firstLine: 1, fallbackId: String(rec.id ?? "") });
}

export interface HeldOut {
  figures: Figures;
  counts: Counts;
  /** Per board: the values fitted on the other boards, and the board's held-out counts. */
  folds: Array<{ board: string; fitted: Setting; counts: Counts }>;
  /** Held-out misses of majors and false flags, by label (title family -> duty family). */
  byClass: Map<string, { majorMissed: number; majors: number; falseFlags: number; flags: number }>;
  /** The values fitted on every board: what the shipped thresholds are measured against. */
  fittedOnAll: Setting;
}

/** Lints the corpus against the labels and returns the figures (the data behind `npm run eval`). */
export async function evaluate(opts: EvalOptions) {
  const started = Date.now();
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const { knowledge, cases } = await load(opts.corpusPath, opts.labelsPath);
  const counts = zeroCounts();
  const confusion = new Map<string, number>();
  const bySource = new Map<string, { major: number; hit: number; flagged: number; ok: number }>();
  const misses: Record<string, string[]> = { major: [], falseFlag: [], duty: [], outside: [], swap: [] };
  for (const { c, rec } of cases) {
    const analysis = analyse(docOf(knowledge, rec), knowledge, thresholds);
    if (c.label) c.swaps = swapTitles(c.label, prepare(knowledge, c, analysis).title.level);
    const o = outcome(prepare(knowledge, c, analysis), thresholds);
    countCase(c, o, counts);
    describeMisses(c, o, misses, confusion, bySource);
  }
  const figures = { labelled: counts.labelled, ...figuresOf(counts), counts, seconds: 0 };
  const heldOut = opts.crossValidate ? crossValidate(knowledge, cases) : null;
  figures.seconds = (Date.now() - started) / 1000;
  return { figures, bySource, confusion, misses, heldOut };
}

function describeMisses(c: Case, o: Outcome, misses: Record<string, string[]>, confusion: Map<string, number>, bySource: Map<string, { major: number; hit: number; flagged: number; ok: number }>): void {
  const line = `${c.id}  "${c.title}"  title=${o.titleFamily} duties=${o.dutyFamily}`;
  if (c.outside && o.flagged) misses.outside!.push(line);
  const label = c.label;
  if (!label) return;
  const labelText = `label=${label.title_family}->${label.duty_family}`;
  const s = bySource.get(c.board) ?? { major: 0, hit: 0, flagged: 0, ok: 0 };
  bySource.set(c.board, s);
  if (label.mismatch_severity === "major") {
    s.major++;
    if (o.flagged) s.hit++;
    else misses.major!.push(`${line}  ${labelText}`);
  }
  if (o.flagged) {
    s.flagged++;
    if (label.mismatch_severity !== "none") s.ok++;
    else misses.falseFlag!.push(`${line}  ${labelText}`);
  }
  if (label.confidence === "high") {
    const key = `${label.duty_family} -> ${o.dutyFamily}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (o.dutyFamily !== label.duty_family) misses.duty!.push(`${line}  label duties=${label.duty_family}`);
  }
  c.swaps.forEach((title, i) => {
    if (!o.swapFlagged[i]) misses.swap!.push(`${c.id}  "${c.title}" -> "${title}"  duties=${o.dutyFamily}`);
  });
}

/**
 * Leave-one-board-out cross-validation of the fitted thresholds. Every case is judged under every setting once
 * (counts kept per setting and board, outcomes of labelled cases kept for the per-class breakdown); each fold
 * then picks the setting that scores best on the other boards and takes the left-out board's counts under it.
 */
function crossValidate(knowledge: Knowledge, cases: Loaded["cases"]): HeldOut {
  const readings = combinations(FITTED.reading);
  const decisions = combinations(FITTED.deciding);
  const settings = readings.flatMap((r) => decisions.map((d) => ({ ...r, ...d })));
  const boards = [...new Set(cases.map(({ c }) => c.board))].sort();
  const perSetting = settings.map(() => new Map(boards.map((b) => [b, zeroCounts()])));
  const labelledOutcomes = settings.map(() => new Map<string, Outcome>());
  readings.forEach((reading, r) => {
    const readWith = { ...DEFAULT_THRESHOLDS, ...reading };
    for (const { c, rec } of cases) {
      const judged = prepare(knowledge, c, analyse(docOf(knowledge, rec), knowledge, readWith));
      decisions.forEach((decision, d) => {
        const s = r * decisions.length + d;
        const o = outcome(judged, { ...readWith, ...decision });
        countCase(c, o, perSetting[s]!.get(c.board)!);
        if (c.label) labelledOutcomes[s]!.set(c.id, o);
      });
    }
  });
  const best = (included: (board: string) => boolean): number => {
    let top = 0;
    let topScore = -Infinity;
    perSetting.forEach((byBoard, s) => {
      const sum = zeroCounts();
      for (const [board, counts] of byBoard) if (included(board)) addCounts(sum, counts);
      // A fold moves a threshold away from the shipped value only for a clear gain: a small gain on the
      // training boards is as likely noise as signal on the one left out.
      const score = objective(sum) - SHRINK * distance(settings[s]!);
      if (score > topScore + 1e-9) {
        top = s;
        topScore = score;
      }
    });
    return top;
  };
  const total = zeroCounts();
  const folds: HeldOut["folds"] = [];
  const byClass: HeldOut["byClass"] = new Map();
  for (const board of boards) {
    const s = best((b) => b !== board);
    const counts = perSetting[s]!.get(board)!;
    addCounts(total, counts);
    folds.push({ board, fitted: settings[s]!, counts });
    for (const { c } of cases) {
      if (c.board !== board || !c.label) continue;
      const o = labelledOutcomes[s]!.get(c.id)!;
      const key = `${c.label.title_family} -> ${c.label.duty_family}`;
      const entry = byClass.get(key) ?? { majorMissed: 0, majors: 0, falseFlags: 0, flags: 0 };
      byClass.set(key, entry);
      if (c.label.mismatch_severity === "major") {
        entry.majors++;
        if (!o.flagged) entry.majorMissed++;
      }
      if (o.flagged) {
        entry.flags++;
        if (c.label.mismatch_severity === "none") entry.falseFlags++;
      }
    }
  }
  return { figures: figuresOf(total), counts: total, folds, byClass, fittedOnAll: settings[best(() => true)]! };
}

/** How far a setting is from the shipped thresholds, relative to their values. */
function distance(s: Setting): number {
  let d = 0;
  for (const [key, value] of Object.entries(s)) {
    const shipped = DEFAULT_THRESHOLDS[key as keyof Thresholds];
    d += Math.abs(value - shipped) / Math.max(Math.abs(shipped), 0.1);
  }
  return d;
}

const ROWS: Array<[string, keyof Figures, (c: Counts) => string, string]> = [
  ["recall of major mismatches", "majorRecall", (c) => `${c.majorHit}/${c.major}`, `>= ${TARGETS.majorRecall}`],
  ["  ... involving sales or marketing", "majorRecallSalesMarketing", (c) => `${c.majorSMHit}/${c.majorSM}`, ""],
  ["precision of flags", "precision", (c) => `${c.flaggedOk}/${c.flagged}`, `>= ${TARGETS.precision}`],
  ["duty family (high-confidence labels)", "dutyFamilyAccuracyHigh", (c) => `${c.highOk}/${c.high}`, `>= ${TARGETS.dutyFamilyAccuracyHigh}`],
  ["title family agreement", "titleFamilyAgreement", (c) => `${c.titleOk}/${c.labelled}`, ""],
  ["title swap flagged", "titleSwap", (c) => `${c.swapHit}/${c.swaps}`, `>= ${TARGETS.titleSwap}`],
  ["flag rate outside these functions", "outsideFlagRate", (c) => `${c.outsideFlagged}/${c.outside}`, `<= ${TARGETS.outsideFlagRate}`],
];

function settingText(s: Setting): string {
  return Object.entries(s).map(([k, v]) => `${k}=${v}`).join(" ");
}

const USAGE =
  "usage: npm run eval -- --corpus <corpus.jsonl> --labels <labels.jsonl> [--misses] [--json] [--no-folds] [--threshold name=value]... [--unseen <labels.jsonl>]  (or set JDLINT_DATA)";

async function main(): Promise<void> {
  const args = toolArgs({
    options: {
      corpus: { type: "string" },
      labels: { type: "string" },
      misses: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "no-folds": { type: "boolean", default: false },
      threshold: { type: "string", multiple: true, default: [] },
      unseen: { type: "string" },
    },
  }, USAGE);
  if (!args) return;
  const { values } = args;
  const data = process.env.JDLINT_DATA;
  const corpusPath = values.corpus ?? (data ? `${data}/postings/corpus.jsonl` : undefined);
  const labelsPath = values.labels ?? (data ? `${data}/labels/dev.jsonl` : undefined);
  if (!corpusPath || !labelsPath) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  // --threshold name=value tries a threshold without editing the defaults.
  const thresholds = { ...DEFAULT_THRESHOLDS };
  for (const pair of values.threshold ?? []) {
    const [key, value] = pair.split("=");
    if (!key || !(key in thresholds) || value === undefined || Number.isNaN(Number(value))) {
      console.error(`eval: bad --threshold ${pair} (name=value, a name from src/judge/thresholds.ts)`);
      process.exitCode = 2;
      return;
    }
    (thresholds as Record<string, number>)[key] = Number(value);
  }
  const { figures, bySource, confusion, misses, heldOut } = await evaluate({ corpusPath, labelsPath, thresholds, crossValidate: !values["no-folds"] });
  // Postings labelled apart from the development set and never tuned on: judged under the shipped thresholds.
  const unseenPath = values.unseen ?? (existsSync(UNSEEN_LABELS) ? UNSEEN_LABELS : undefined);
  const unseen = unseenPath ? await evaluate({ corpusPath, labelsPath: unseenPath, thresholds, crossValidate: false }) : null;
  const c = figures.counts;
  if (values.json) {
    console.log(JSON.stringify({ wholeSet: figures, heldOut: heldOut && { ...heldOut, byClass: Object.fromEntries(heldOut.byClass) }, unseen: unseen?.figures ?? null }, null, 2));
    return;
  }
  console.log(`jdlint eval: ${c.labelled} labelled postings${unseen ? `, ${unseen.figures.counts.labelled} unseen (${unseenPath})` : ""}, ${((figures.seconds + (unseen?.figures.seconds ?? 0))).toFixed(1)} s`);
  const head = ["", "held out by board", "whole set", unseen ? "unseen" : "", "target"];
  console.log(`  ${head[0]!.padEnd(40)} ${head[1]!.padStart(20)} ${head[2]!.padStart(18)} ${head[3]!.padStart(18)}   ${head[4]}`);
  for (const [name, key, count, target] of ROWS) {
    const held = heldOut ? `${fmt(heldOut.figures[key])} ${count(heldOut.counts).padStart(9)}` : "";
    const whole = `${fmt(figures[key])} ${count(c).padStart(9)}`;
    const apart = unseen ? `${fmt(unseen.figures[key])} ${count(unseen.figures.counts).padStart(9)}` : "";
    console.log(`  ${name.padEnd(40)} ${held.padStart(20)} ${whole.padStart(18)} ${apart.padStart(18)}   ${target}`);
  }
  if (heldOut) {
    console.log("\n  held-out folds: the board left out, the thresholds fitted on the others, its recall and precision");
    for (const f of heldOut.folds) {
      const k = f.counts;
      console.log(`    ${f.board.padEnd(15)} recall ${fmt(ratio(k.majorHit, k.major)).padStart(6)} (${k.majorHit}/${k.major})  precision ${fmt(ratio(k.flaggedOk, k.flagged)).padStart(6)} (${k.flaggedOk}/${k.flagged})  ${settingText(f.fitted)}`);
    }
    console.log(`    fitted on every board: ${settingText(heldOut.fittedOnAll)}`);
    console.log("\n  held out, by label (title family -> duty family): majors missed, false flags");
    for (const [key, e] of [...heldOut.byClass.entries()].sort()) {
      if (e.majors === 0 && e.flags === 0) continue;
      console.log(`    ${key.padEnd(36)} majors missed ${`${e.majorMissed}/${e.majors}`.padStart(6)}   false flags ${`${e.falseFlags}/${e.flags}`.padStart(6)}`);
    }
  }
  console.log("\n  whole set, by board: recall of majors, precision of flags");
  for (const [source, s] of [...bySource.entries()].sort()) {
    console.log(`    ${source.padEnd(16)} recall ${fmt(ratio(s.hit, s.major)).padStart(6)} (${s.hit}/${s.major})   precision ${fmt(ratio(s.ok, s.flagged)).padStart(6)} (${s.ok}/${s.flagged})`);
  }
  console.log("\n  whole set, duty family of high-confidence labels (label -> verdict), where they differ:");
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

// Run as a script, not when imported (the accuracy test imports evaluate).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
