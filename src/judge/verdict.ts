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

function round(n: number, places = 2): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}

/** What the duties are, from the weighted evidence. */
export function dutyFamilyOf(a: Analysis, t: Thresholds): { family: JobFamily; mix: Record<Family, number>; confidence: number } {
  const total = FAMILIES.reduce((s, f) => s + a.totals[f], 0);
  const mix = Object.fromEntries(FAMILIES.map((f) => [f, total > 0 ? round(a.totals[f] / total, 3) : 0])) as Record<Family, number>;
  // Too little evidence of the three functions, or less than of other work (mailroom, software, nursing):
  // the job is something else, if there is text enough to say so.
  const outweighed = total < t.strongEvidence && a.otherWork > total * t.otherWorkDominance;
  if (total < t.minEvidence || outweighed) {
    const enough = a.jobLines >= t.minJobLinesForOther || a.otherWork >= t.minEvidence;
    return { family: enough ? "other" : "unknown", mix, confidence: 0 };
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
  return { family, mix, confidence: round(strength * purity) };
}

function pickEvidence(a: Analysis, families: Family[]): SentenceEvidence[] {
  return a.lines
    .filter((l) => l.family && families.includes(l.family))
    .sort((x, y) => y.weight - x.weight || x.index - y.index)
    .slice(0, MAX_EVIDENCE)
    .sort((x, y) => x.index - y.index);
}

/** Judges a posting: what the title claims, what the duties are, and better titles when they differ. */
export function judge(doc: PostingDocument, knowledge: Knowledge, t: Thresholds): Verdict {
  const title = classifyTitle(knowledge, doc.title);
  const analysis = analyse(doc, knowledge, t);
  const { family: dutyFamily, mix, confidence } = dutyFamilyOf(analysis, t);
  const lineCounts = Object.fromEntries(FAMILIES.map((f) => [f, analysis.lines.filter((l) => l.family === f).length])) as Record<Family, number>;
  const total = FAMILIES.reduce((s, f) => s + analysis.totals[f], 0);
  const level = fittingLevel(knowledge, title, analysis, t);

  let status: Status = "pass";
  let finding: Finding = "match";
  let suggestFor: Family | null = null;
  const tf = title.family;
  const single = (f: JobFamily): f is Family => (FAMILIES as readonly string[]).includes(f);
  if (tf === "unknown") finding = "no-title";
  else if (dutyFamily === "unknown") finding = "thin";
  else if (single(tf) && single(dutyFamily) && tf !== dutyFamily) {
    // The title's own function may still be a fair share of the work: then it is not a clear mismatch.
    if (mix[tf] < t.titleShareFloor && confidence >= t.minMismatchConfidence) {
      finding = "mismatch";
      status = confidence >= t.errorConfidence ? "fail" : "warn";
      suggestFor = dutyFamily;
    }
  } else if ((tf === "marketing" || tf === "sales") && dutyFamily === "hybrid") {
    // Both functions are a fair share, but the one the title does not name leads: partly misleading.
    const otherFamily = tf === "marketing" ? "sales" : "marketing";
    if (mix[otherFamily] - mix[tf] >= t.hybridLeanMargin && confidence >= t.minMismatchConfidence) {
      finding = "leans";
      status = "warn";
      suggestFor = otherFamily;
    }
  } else if (tf === "hybrid" && (dutyFamily === "marketing" || dutyFamily === "sales")) {
    finding = "partial";
    status = "warn";
    suggestFor = dutyFamily;
  } else if (single(tf) && dutyFamily === "other" && analysis.otherWork >= t.minOtherWork && analysis.totals[tf] < t.minEvidence) {
    finding = "absent";
    status = "warn";
  } else if (tf === "other" && (dutyFamily === "sales" || dutyFamily === "marketing") && total >= t.otherTitleEvidence) {
    finding = "outside";
    status = "warn";
    suggestFor = dutyFamily;
  }
  const evidenceFamilies: Family[] =
    suggestFor ? [suggestFor] : single(dutyFamily) ? [dutyFamily] : dutyFamily === "hybrid" ? ["marketing", "sales"] : [...FAMILIES];
  return {
    status,
    finding,
    title,
    dutyFamily,
    dutyMix: mix,
    confidence,
    level,
    suggestedTitles: suggestFor ? suggestTitles(knowledge, suggestFor, analysis, level, doc.title) : [],
    evidence: pickEvidence(analysis, evidenceFamilies),
    lineCounts,
    analysis,
  };
}
