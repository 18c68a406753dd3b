import type { Rule } from "../src/engine/types.js";
import type { Family, Knowledge } from "../src/lexicon/knowledge.js";
import type { PostingDocument } from "../src/model/document.js";
import type { Analysis, SentenceEvidence } from "../src/judge/evidence.js";
import { suggestTitles } from "../src/judge/retitle.js";
import { lineOf, listLines, numberOption } from "./lib/signals.js";

/** Sub-functions that say how work is paid or measured, not what it is. */
const NOT_DUTIES = new Set(["sales.targets"]);
const MAX_LABELS = 3;

/** The duty lines a family leads, outside the company profile. */
function dutyLines(doc: PostingDocument, a: Analysis, family: Family): SentenceEvidence[] {
  return a.lines.filter((l) => l.family === family && doc.sections[l.sentence.section]?.kind !== "company");
}

/** "brand, content and digital (lines 5, 7 and 9)": what the family's share of the work is, and where. */
function describe(doc: PostingDocument, knowledge: Knowledge, a: Analysis, family: Family, lines: SentenceEvidence[]): string {
  const labels = Object.entries(a.subfunctions)
    .filter(([k, v]) => k.startsWith(`${family}.`) && !NOT_DUTIES.has(k) && v > 0)
    .sort((x, y) => y[1] - x[1])
    .slice(0, MAX_LABELS)
    .map(([k]) => (knowledge.subfunctionLabels[k] ?? k.slice(family.length + 1)).toLowerCase());
  const where = `line${lines.length > 1 ? "s" : ""} ${listLines(lines.map((l) => lineOf(doc, l.sentence.span)))}`;
  return labels.length ? `${labels.join("; ")} (${where})` : where;
}

/** Marketing and sales both substantial in one posting, or a combined title over both: two jobs in one. */
const rule: Rule = {
  meta: {
    id: "hybrid-role",
    description: "One posting asks for two jobs: substantial marketing work and substantial sales work",
    docs: "rules/docs/hybrid-role.md",
    defaultSeverity: "warning",
    messages: {
      hybridDuties:
        "Two jobs in one posting: marketing work ({{marketing}}) and sales work ({{sales}}). Consider splitting it into a marketing role and a sales role.",
      combinedTitle:
        "The title combines sales and marketing, and the duties are both: marketing ({{marketing}}) and sales ({{sales}}). Consider splitting it into a marketing role and a sales role.",
    },
    options: {
      minLines: {
        type: "integer",
        description: "Duty lines each function must lead before the posting counts as two jobs",
        minimum: 1,
        default: 3,
      },
      minShare: {
        type: "number",
        description: "Share of the duty evidence each function needs before the posting counts as two jobs",
        minimum: 0,
        maximum: 0.5,
        default: 0.35,
      },
      titleMinLines: {
        type: "integer",
        description: "With a combined Sales and Marketing title: the duty lines each function must lead",
        minimum: 1,
        default: 2,
      },
      fairShare: {
        type: "number",
        description: "With a combined Sales and Marketing title over work with each function at least this share, the title is fair: the advice to split is only a note (info)",
        minimum: 0,
        maximum: 0.5,
        default: 0.25,
      },
      titleMinShare: {
        type: "number",
        description: "With a combined Sales and Marketing title: the share of the evidence each function needs",
        minimum: 0,
        maximum: 0.5,
        default: 0.15,
      },
    },
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const a = v.analysis;
    const tf = v.title.family;
    // A title outside sales and marketing over both is title-duty-mismatch's "outside" case.
    if (tf !== "marketing" && tf !== "sales" && tf !== "hybrid") return;
    const marketing = dutyLines(doc, a, "marketing");
    const sales = dutyLines(doc, a, "sales");
    const both = (lines: number, share: number) =>
      marketing.length >= lines && sales.length >= lines && v.dutyMix.marketing >= share && v.dutyMix.sales >= share;
    const hybridTitle = tf === "hybrid" && both(numberOption(ctx.options.titleMinLines, 2), numberOption(ctx.options.titleMinShare, 0.15));
    const hybridDuties = v.dutyFamily === "hybrid" && both(numberOption(ctx.options.minLines, 3), numberOption(ctx.options.minShare, 0.35));
    if (!hybridDuties && !hybridTitle) return;
    const split = (family: Family, lines: SentenceEvidence[]) => {
      const [title] = suggestTitles(ctx.knowledge, family, a, v.level, doc.title);
      const where = listLines(lines.map((l) => lineOf(doc, l.sentence.span)));
      const desc = `Split off a ${family} role for the ${family} duties (lines ${where})${title ? `, titled e.g. "${title.title}"` : ""}`;
      return title ? { desc, title: title.title } : { desc };
    };
    const fair = numberOption(ctx.options.fairShare, 0.25);
    // A combined title over work that really is both says what the job is: splitting it is advice, not a fault.
    const fairTitle = tf === "hybrid" && v.dutyMix.marketing >= fair && v.dutyMix.sales >= fair;
    ctx.report({
      lower: fairTitle,
      messageId: tf === "hybrid" ? "combinedTitle" : "hybridDuties",
      data: {
        marketing: describe(doc, ctx.knowledge, a, "marketing", marketing),
        sales: describe(doc, ctx.knowledge, a, "sales", sales),
      },
      span: doc.titleSpan ?? [...marketing, ...sales].sort((x, y) => x.index - y.index)[0]!.sentence.span,
      suggestions: [split("marketing", marketing), split("sales", sales)],
    });
  },
};

export default rule;
