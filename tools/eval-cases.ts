/**
 * What the accuracy harness measures, apart from how it reads the data: the cases (labelled postings, title
 * swaps, postings outside the three functions), the outcome of judging each under a set of thresholds, and the
 * figures those outcomes give. Pure: tools/eval.ts reads the files.
 */
import type { Knowledge } from "../src/lexicon/knowledge.js";
import type { Analysis } from "../src/judge/evidence.js";
import type { Thresholds } from "../src/judge/thresholds.js";
import type { TitleClass } from "../src/judge/title.js";
import { classifyTitle } from "../src/judge/title.js";
import { verdictStatus } from "../src/judge/verdict.js";

export interface Label {
  id: string;
  title_family: string;
  duty_family: string;
  mismatch_severity: "major" | "minor" | "none";
  confidence: "high" | "medium" | "low";
}

// Titles that could belong to sales, marketing or customer service, by a test independent of the lexicons:
// a posting whose title has none of these words is outside those functions.
export const FUNCTION_WORDS =
  /market|sale|sell|account|business dev|customer|client|brand|promot|advertis|retail|store|shop|merchandis|call cent|contact cent|communica|public relations|\bpr\b|growth|seo|social|content|lead|ambassador|represent|agent|consult|partner|commerc|revenue|telesales|events?\b|campaign|media|relationship|success|support|service|care|insurance|estate|realtor|broker|recruit|fundrais|donor|canvass|outreach/i;

// Swap targets for the title-swap check, by family and by whether the original title is a manager or above.
export const SWAP_TITLES: Record<string, { junior: string; senior: string }> = {
  marketing: { junior: "Marketing Coordinator", senior: "Marketing Manager" },
  sales: { junior: "Sales Representative", senior: "Sales Manager" },
  customer_service: { junior: "Customer Service Representative", senior: "Customer Service Manager" },
};
const SENIOR_LEVELS = new Set(["manager", "director", "vp", "chief"]);

/**
 * The job board a posting comes from, by its id's prefix (as ../shared/data/README.md groups them): the unit
 * of cross-validation, so that a held-out fold is a board whose wording nothing was fitted to.
 */
export function boardOf(id: string): string {
  const prefix = id.split(":")[0] ?? "";
  if (prefix === "linkedin" || prefix.startsWith("li-")) return "linkedin";
  if (prefix.startsWith("adzuna")) return "adzuna";
  if (prefix.startsWith("gd-")) return "glassdoor";
  if (prefix.startsWith("myjobmag")) return "myjobmag";
  if (prefix.startsWith("seek")) return "seek";
  if (["emscad", "remotewlb", "google-careers"].includes(prefix)) return prefix;
  return "others";
}

/** A posting to judge: labelled, or unlabelled outside the three functions (where any flag is a false one). */
export interface Case {
  id: string;
  board: string;
  title: string;
  label: Label | null;
  /** Outside sales, marketing and customer service: by its label, or by its title's words when unlabelled. */
  outside: boolean;
  /** The swapped titles judged over the same duties (clean, high-confidence, single-function postings). */
  swaps: string[];
}

export function makeCase(id: string, title: string, label: Label | null): Case | null {
  const outsideTitle = !FUNCTION_WORDS.test(title);
  if (!label) return outsideTitle ? { id, board: boardOf(id), title, label: null, outside: true, swaps: [] } : null;
  const outside = label.title_family === "other" && label.duty_family === "other" && outsideTitle;
  return { id, board: boardOf(id), title, label, outside, swaps: [] };
}

/** The swaps of a clean posting: its duties under each other function's title, at its title's level. */
export function swapTitles(label: Label, titleLevel: string): string[] {
  const own = SWAP_TITLES[label.title_family];
  if (label.mismatch_severity !== "none" || label.confidence !== "high" || !own || label.duty_family !== label.title_family) return [];
  return Object.entries(SWAP_TITLES)
    .filter(([family]) => family !== label.title_family)
    .map(([, titles]) => (SENIOR_LEVELS.has(titleLevel) ? titles.senior : titles.junior));
}

/** What the verdict said about one case under one set of thresholds. */
export interface Outcome {
  flagged: boolean;
  dutyFamily: string;
  titleFamily: string;
  /** Per swap: flagged. */
  swapFlagged: boolean[];
}

export interface JudgedCase {
  title: TitleClass;
  analysis: Analysis;
  swapTitles: TitleClass[];
}

/** Reads what a case needs once: its title's class, its duties' evidence, its swapped titles' classes. */
export function prepare(knowledge: Knowledge, c: Case, analysis: Analysis): JudgedCase {
  return { title: classifyTitle(knowledge, c.title), analysis, swapTitles: c.swaps.map((t) => classifyTitle(knowledge, t)) };
}

export function outcome(j: JudgedCase, t: Thresholds): Outcome {
  const v = verdictStatus(j.title, j.analysis, t);
  return {
    flagged: v.status !== "pass",
    dutyFamily: v.dutyFamily,
    titleFamily: j.title.family,
    swapFlagged: j.swapTitles.map((title) => verdictStatus(title, j.analysis, t).status !== "pass"),
  };
}

export interface Counts {
  major: number;
  majorHit: number;
  majorSM: number;
  majorSMHit: number;
  flagged: number;
  flaggedOk: number;
  high: number;
  highOk: number;
  outside: number;
  outsideFlagged: number;
  swaps: number;
  swapHit: number;
  titleOk: number;
  labelled: number;
}

export function zeroCounts(): Counts {
  return { major: 0, majorHit: 0, majorSM: 0, majorSMHit: 0, flagged: 0, flaggedOk: 0, high: 0, highOk: 0, outside: 0, outsideFlagged: 0, swaps: 0, swapHit: 0, titleOk: 0, labelled: 0 };
}

export function addCounts(into: Counts, more: Counts): Counts {
  for (const key of Object.keys(into) as Array<keyof Counts>) into[key] += more[key];
  return into;
}

/** What one case adds to the counts. */
export function countCase(c: Case, o: Outcome, into: Counts = zeroCounts()): Counts {
  if (c.outside) {
    into.outside++;
    if (o.flagged) into.outsideFlagged++;
  }
  const label = c.label;
  if (!label) return into;
  into.labelled++;
  if (o.titleFamily === label.title_family) into.titleOk++;
  if (label.mismatch_severity === "major") {
    into.major++;
    if (o.flagged) into.majorHit++;
    if (label.title_family !== "other" && [label.title_family, label.duty_family].some((f) => f === "sales" || f === "marketing")) {
      into.majorSM++;
      if (o.flagged) into.majorSMHit++;
    }
  }
  if (o.flagged) {
    into.flagged++;
    if (label.mismatch_severity !== "none") into.flaggedOk++;
  }
  if (label.confidence === "high") {
    into.high++;
    if (o.dutyFamily === label.duty_family) into.highOk++;
  }
  into.swaps += o.swapFlagged.length;
  into.swapHit += o.swapFlagged.filter(Boolean).length;
  return into;
}

export function ratio(n: number, d: number): number {
  return d === 0 ? NaN : n / d;
}

export interface Figures {
  majorRecall: number;
  majorRecallSalesMarketing: number;
  precision: number;
  dutyFamilyAccuracyHigh: number;
  titleFamilyAgreement: number;
  titleSwap: number;
  outsideFlagRate: number;
}

export function figuresOf(c: Counts): Figures {
  return {
    majorRecall: ratio(c.majorHit, c.major),
    majorRecallSalesMarketing: ratio(c.majorSMHit, c.majorSM),
    precision: ratio(c.flaggedOk, c.flagged),
    dutyFamilyAccuracyHigh: ratio(c.highOk, c.high),
    titleFamilyAgreement: ratio(c.titleOk, c.labelled),
    titleSwap: ratio(c.swapHit, c.swaps),
    outsideFlagRate: ratio(c.outsideFlagged, c.outside),
  };
}

/** The targets the figures are held to. */
export const TARGETS = { majorRecall: 0.85, precision: 0.85, dutyFamilyAccuracyHigh: 0.9, titleSwap: 0.95, outsideFlagRate: 0.005 };

/**
 * One number to choose thresholds by, on training folds: the mean of the four rates, less a steep penalty
 * for flag rates outside the functions above the target (a flag there is a user's trust lost).
 */
export function objective(c: Counts): number {
  const f = figuresOf(c);
  const rates = [f.majorRecall, f.precision, f.dutyFamilyAccuracyHigh, f.titleSwap].map((x) => (Number.isNaN(x) ? 0 : x));
  const outside = Number.isNaN(f.outsideFlagRate) ? 0 : f.outsideFlagRate;
  return rates.reduce((a, b) => a + b, 0) / rates.length - 20 * Math.max(0, outside - TARGETS.outsideFlagRate);
}
