import type { PostingDocument } from "../model/document.js";
import { FAMILIES, type Family, type JobFamily, type Knowledge } from "../lexicon/knowledge.js";
import { analyse, type Analysis, type SentenceEvidence } from "./evidence.js";
import { fittingLevel, suggestTitles, type SuggestedTitle } from "./retitle.js";
import type { Thresholds } from "./thresholds.js";
import { classifyTitle, type TitleClass } from "./title.js";

export type Status = "pass" | "warn" | "fail";

/** Why a verdict is what it is; rules and formatters phrase it. */
export type Finding =
  | "match" // the duties are what the title says
  | "no-title" // nothing to compare
  | "thin" // too little text about sales, marketing or customer service to judge
  | "mismatch" // the title names one function, the duties are another
  | "partial" // a hybrid title over single-function work
  | "leans" // a single-function title over hybrid work led by the other function
  | "pitch" // a marketing title over a posting that recruits the way direct-sales firms do
  | "absent" // the title's own function shows no duties at all
  | "outside"; // a title outside these functions over clear sales or marketing work

export interface Verdict {
  status: Status;
  finding: Finding;
  title: TitleClass;
  dutyFamily: JobFamily;
  dutyMix: Record<Family, number>;
  confidence: number;
  level: string;
  suggestedTitles: SuggestedTitle[];
  /** The lines that decided it, in document order. */
  evidence: SentenceEvidence[];
  /** Lines per family among those that lead a family. */
  lineCounts: Record<Family, number>;
  analysis: Analysis;
}

const MAX_EVIDENCE = 12;
/** A line shown as evidence says at least this much (a passing "company car" in the benefits does not). */
const MIN_EVIDENCE_WEIGHT = 1;

function round(n: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

/** What the duties are, from the weighted evidence. */
export function dutyFamilyOf(a: Analysis, t: Thresholds): { family: JobFamily; mix: Record<Family, number>; confidence: number; thin: boolean } {
  const total = FAMILIES.reduce((s, f) => s + a.totals[f], 0);
  const mix = Object.fromEntries(FAMILIES.map((f) => [f, total > 0 ? round(a.totals[f] / total, 3) : 0])) as Record<Family, number>;
  // Too little evidence of the three functions, or less than of other work (mailroom, software, nursing):
  // the job is something else, if there is text enough to say so.
  const outweighed = total < t.strongEvidence && a.otherWork > total * t.otherWorkDominance;
  if (total < t.minEvidence || outweighed) {
    // A little evidence, nearly all of one function and not outweighed by other work, still says what the job is.
    const lead = outweighed ? null : thinLead(a, t);
    if (lead) return { family: lead, mix, confidence: 0, thin: true };
    const enough = a.jobLines >= t.minJobLinesForOther || a.otherWork >= t.minEvidence;
    return { family: enough ? "other" : "unknown", mix, confidence: 0, thin: true };
  }
  const ranked = [...FAMILIES].sort((x, y) => a.totals[y] - a.totals[x]);
  const top = ranked[0]!;
  const strength = 1 - Math.exp(-total / t.confidenceScale);
  let family: JobFamily = top;
  let purity = mix[top];
  if (mix.marketing >= t.hybridShare && mix.sales >= t.hybridShare) {
    family = "hybrid";
    purity = mix.marketing + mix.sales;
  }
  return { family, mix, confidence: round(strength * purity), thin: false };
}

/** The function a thin body of evidence is all about, if it is nearly all one. */
function thinLead(a: Analysis, t: Thresholds): Family | null {
  const total = FAMILIES.reduce((s, f) => s + a.totals[f], 0);
  if (total < t.thinEvidence) return null;
  const top = [...FAMILIES].sort((x, y) => a.totals[y] - a.totals[x])[0]!;
  return a.totals[top] / total >= t.thinShare ? top : null;
}

function pickEvidence(a: Analysis, families: Family[]): SentenceEvidence[] {
  return a.lines
    .filter((l) => l.family && families.includes(l.family) && l.weight >= MIN_EVIDENCE_WEIGHT)
    .sort((x, y) => y.weight - x.weight || x.index - y.index)
    .slice(0, MAX_EVIDENCE)
    .sort((x, y) => x.index - y.index);
}

interface Decision {
  status: Status;
  finding: Finding;
  /** The function to suggest retitles in, when there is one. */
  suggestFor: Family | null;
}

const isFamily = (f: JobFamily): f is Family => (FAMILIES as readonly string[]).includes(f);

/**
 * The posting recruits the way direct-sales firms do (no experience needed, promotion from within, uncapped
 * earnings, "represent our clients"), and the pitch is no small thing next to the marketing duties, or the ad
 * leans hard on needing no experience: what it describes in marketing words is most likely selling to one person
 * at a time.
 */
function pitchedAsSelling(a: Analysis, t: Thresholds): boolean {
  if (a.pitch > 0 && a.entry >= t.entryForPitch) return true;
  return a.pitch >= t.pitchForMarketing && a.pitch >= t.pitchShareOfMarketing * a.totals.marketing;
}

/** Compares what the title claims with what the duties are. */
function decide(title: TitleClass, duties: JobFamily, mix: Record<Family, number>, confidence: number, thin: boolean, a: Analysis, t: Thresholds): Decision {
  const tf = title.family;
  const ambiguousTitle = title.ambiguous !== null;
  const pass = (finding: Finding): Decision => ({ status: "pass", finding, suggestFor: null });
  const warn = (finding: Finding, suggestFor: Family | null): Decision => ({ status: "warn", finding, suggestFor });
  if (tf === "unknown") return pass("no-title");
  const total = FAMILIES.reduce((s, f) => s + a.totals[f], 0);
  if (tf === "marketing" && (duties === "marketing" || duties === "hybrid") && pitchedAsSelling(a, t)) return warn("pitch", "sales");
  if (isFamily(tf) && isFamily(duties) && thin) {
    // A little evidence, all of another function: a vague "promotional staff" ad that only talks selling.
    return tf === duties ? pass("match") : warn("mismatch", duties);
  }
  if (isFamily(tf) && isFamily(duties)) {
    // Another function clearly leads and the title's own is no fair share of the work.
    if (tf === duties || mix[tf] >= t.hybridShare || confidence < t.minMismatchConfidence) return pass("match");
    // Selling has words of its own (quota, closing, commission), while marketing words also describe the
    // market a salesperson sells into or the marketing services they sell: a sales title over
    // marketing-worded duties is a mismatch only when next to no selling shows.
    if (tf === "sales" && duties === "marketing" && mix.sales >= t.salesTitleFloor) return pass("match");
    // Service work takes in some selling (an upsell, a product offered to a caller): a service title is a
    // mismatch only when next to no service work shows.
    if (tf === "customer_service" && mix.customer_service >= t.serviceTitleFloor) return pass("match");
    return { status: confidence >= t.errorConfidence ? "fail" : "warn", finding: "mismatch", suggestFor: duties };
  }
  // (A sales title over hybrid work shows plenty of selling: see salesTitleFloor above.)
  if (tf === "marketing" && duties === "hybrid") {
    // Both functions are a fair share, but the one the title does not name leads: partly misleading.
    // Selling leads, or the posting carries a direct-sales recruiting pitch: the marketing title oversells.
    const pitched = a.pitch >= t.pitchForHybrid;
    const leans = (mix.sales - mix.marketing >= t.hybridLeanMargin || pitched) && confidence >= t.minMismatchConfidence;
    return leans ? warn("leans", "sales") : pass("match");
  }
  if (tf === "customer_service" && duties === "hybrid" && mix.customer_service < t.hybridShare) {
    // A service title over marketing-and-sales work.
    const lead = mix.sales >= mix.marketing ? "sales" : "marketing";
    return { status: confidence >= t.errorConfidence ? "fail" : "warn", finding: "mismatch", suggestFor: lead };
  }
  if (tf === "hybrid" && (duties === "marketing" || duties === "sales")) {
    const lacking = duties === "marketing" ? "sales" : "marketing";
    return mix[lacking] < t.partialMaxShare ? warn("partial", duties) : pass("match");
  }
  if (isFamily(tf) && (duties === "other" || duties === "unknown")) {
    // Other work outweighs a little evidence that is all of another function: still not the titled job.
    const lead = thinLead(a, t);
    if (lead && lead !== tf) return warn("mismatch", lead);
    // Plenty of other work and none of the title's: "Customer Service Associate" over mailroom work.
    // An ambiguous title ("Solutions Engineer", "Help Desk Analyst") promises no function clearly enough to miss it.
    if (duties === "other" && !ambiguousTitle && a.otherWork >= t.minOtherWork && a.totals[tf] < t.minEvidence) return warn("absent", null);
    return pass(duties === "unknown" ? "thin" : "match");
  }
  // Designers, writers and developer advocates do marketing-flavoured work under their own professions' titles;
  // selling under such a title is what misleads.
  if (tf === "other" && duties === "sales" && total >= t.otherTitleEvidence) return warn("outside", duties);
  return pass(duties === "unknown" ? "thin" : "match");
}

/** The status of a verdict and the duties' family alone: what an evaluation needs, without retitles or evidence. */
export function verdictStatus(title: TitleClass, analysis: Analysis, t: Thresholds): { status: Status; finding: Finding; dutyFamily: JobFamily } {
  const { family, mix, confidence, thin } = dutyFamilyOf(analysis, t);
  const { status, finding } = decide(title, family, mix, confidence, thin, analysis, t);
  return { status, finding, dutyFamily: family };
}

/** Judges a posting: what the title claims, what the duties are, and better titles when they differ. */
export function judge(doc: PostingDocument, knowledge: Knowledge, t: Thresholds): Verdict {
  return verdictFrom(classifyTitle(knowledge, doc.title), analyse(doc, knowledge, t), knowledge, doc.title, t);
}

/**
 * The verdict from a title's class and the duties' evidence. Apart from judge() so that an evaluation can read
 * a posting once and weigh its evidence under other thresholds.
 */
export function verdictFrom(title: TitleClass, analysis: Analysis, knowledge: Knowledge, titleText: string | null, t: Thresholds): Verdict {
  const { family: dutyFamily, mix, confidence, thin } = dutyFamilyOf(analysis, t);
  // Counted as the evidence is shown: lines that say enough.
  const lineCounts = Object.fromEntries(
    FAMILIES.map((f) => [f, analysis.lines.filter((l) => l.family === f && l.weight >= MIN_EVIDENCE_WEIGHT).length]),
  ) as Record<Family, number>;
  const level = fittingLevel(knowledge, title, analysis, t);

  const { status, finding, suggestFor } = decide(title, dutyFamily, mix, confidence, thin, analysis, t);
  const evidenceFamilies: Family[] =
    suggestFor ? [suggestFor] : isFamily(dutyFamily) ? [dutyFamily] : dutyFamily === "hybrid" ? ["marketing", "sales"] : [...FAMILIES];
  return {
    status,
    finding,
    title,
    dutyFamily,
    dutyMix: mix,
    confidence,
    level,
    suggestedTitles: suggestFor ? suggestTitles(knowledge, suggestFor, analysis, level, titleText) : [],
    evidence: pickEvidence(analysis, evidenceFamilies),
    lineCounts,
    analysis,
  };
}
