import type { PostingDocument } from "../model/document.js";
import { FAMILIES, type Family, type JobFamily } from "../lexicon/knowledge.js";
import type { Verdict } from "../judge/verdict.js";
import type { LintMessage } from "./types.js";
import { familyName } from "./messages.js";
import type { Period } from "../lexicon/language.js";
import type { PayBasis, PayFacts } from "../judge/pay.js";

export interface EvidenceReport {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  family: Family;
  text: string;
  /** The sub-functions the line shows ("sales.prospecting"). */
  subfunctions: string[];
  /** The duty-line model's reading, when it read the line as this family: its probability and the words that weighed most. */
  reading?: { probability: number; words: string[] };
}

export interface QuotaReport {
  count: number;
  activity: string;
  period: string;
  line: number;
  column: number;
  text: string;
}

/** The verdict as every output format sees it (the JSON contract; fields may be added, never removed). */
export interface VerdictReport {
  status: Verdict["status"];
  finding: Verdict["finding"];
  titleFamily: JobFamily;
  titleSpecialisation: string | null;
  titleLevel: string;
  dutyFamily: JobFamily;
  dutyMix: Record<Family, number>;
  confidence: number;
  fittingLevel: string;
  suggestedTitles: Array<{ title: string; family: string; score: number }>;
  evidence: EvidenceReport[];
  quotas: QuotaReport[];
  summary: string;
}

/** The pay a posting states (src/judge/pay.ts): the figure a job seeker would read first. */
export interface PayReport {
  min: number;
  max: number;
  /** ISO 4217 code. */
  currency: string;
  /** hour, day, week, month or year; null when the posting gives none and the figure is too small to be a year's. */
  period: Period | null;
  /** base (a wage or salary), ote (on-target earnings, commission included) or commission (commission only). */
  basis: PayBasis;
  line: number;
  column: number;
  /** The figure as written ("$55,000-$70,000"). */
  text: string;
}

export interface LintResult {
  filePath: string;
  recordId: string | null;
  title: string | null;
  verdict: VerdictReport;
  /** The stated pay, or null when the posting states none (absent in results of versions before it was read). */
  pay?: PayReport | null;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

function lineCount(v: Verdict, family: JobFamily): number {
  if (family === "hybrid") return v.lineCounts.marketing + v.lineCounts.sales;
  return (FAMILIES as readonly string[]).includes(family) ? v.lineCounts[family as Family] : 0;
}

/** The verdict in plain words: "title says marketing; the duties are sales: 5 of 5 duty lines". */
export function summaryOf(v: Verdict): string {
  const claim =
    v.title.family === "unknown"
      ? "no title found"
      : v.title.family === "other"
        ? `the title is ${familyName("other")}`
        : `title says ${familyName(v.title.family)}`;
  if (v.title.family === "other" && v.dutyFamily === "other") return `title and duties are ${familyName("other")}`;
  const lines = FAMILIES.reduce((s, f) => s + v.lineCounts[f], 0);
  switch (v.dutyFamily) {
    case "unknown":
      return `${claim}; too little text about the duties to judge`;
    case "other":
      return `${claim}; the duties are ${familyName("other")}` +
        (lines ? ` (${lines} of ${v.analysis.jobLines} lines touch on them)` : "");
    default: {
      const read = `${claim}; the duties are ${familyName(v.dutyFamily)}: ${lineCount(v, v.dutyFamily)} of ${lines} duty lines`;
      return v.finding === "pitch" ? `${read}, under a direct-sales recruiting pitch` : read;
    }
  }
}

export function verdictReport(doc: PostingDocument, v: Verdict): VerdictReport {
  return {
    status: v.status,
    finding: v.finding,
    titleFamily: v.title.family,
    titleSpecialisation: v.title.specialisation,
    titleLevel: v.title.level,
    dutyFamily: v.dutyFamily,
    dutyMix: v.dutyMix,
    confidence: v.confidence,
    fittingLevel: v.level,
    suggestedTitles: v.suggestedTitles.map((s) => ({ title: s.title, family: s.family, score: s.score })),
    evidence: v.evidence.map((e) => ({
      ...doc.locator.locate(e.sentence.span),
      family: e.family!,
      text: e.sentence.text,
      subfunctions: [...new Set(e.matches.filter((m) => m.term.tag.family === e.family).map((m) => `${m.term.tag.family}.${m.term.tag.subfunction}`))],
      ...(e.model && e.model.family === e.family ? { reading: { probability: e.model.probability, words: e.model.words } } : {}),
    })),
    quotas: v.analysis.quotas.map((q) => {
      const at = doc.locator.locate(q.span);
      return { count: q.count, activity: q.activity, period: q.period, line: at.line, column: at.column, text: doc.text.slice(q.span.start, q.span.end) };
    }),
    summary: summaryOf(v),
  };
}

export function payReport(doc: PostingDocument, facts: PayFacts): PayReport | null {
  const p = facts.pay;
  if (!p) return null;
  const at = doc.locator.locate(p.span);
  return { min: p.min, max: p.max, currency: p.currency, period: p.period, basis: p.basis, line: at.line, column: at.column, text: doc.text.slice(p.span.start, p.span.end) };
}
