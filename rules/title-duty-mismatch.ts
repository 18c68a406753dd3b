import type { Rule } from "../src/engine/types.js";
import type { PostingDocument } from "../src/model/document.js";
import { familyName } from "../src/engine/messages.js";
import { declaredFunction } from "../src/engine/directives.js";
import { lineOf, listLines } from "./lib/signals.js";

/** Where a direct-sales recruiting pitch stands: "lines 4 and 9", or the title alone. */
function pitchWhere(doc: PostingDocument, sentences: number[]): string {
  const lines = [...new Set(sentences.map((i) => lineOf(doc, doc.sentences[i]!.span)))];
  return lines.length === 0 ? "in the title" : `line${lines.length > 1 ? "s" : ""} ${listLines(lines)}`;
}

/** The title names one function and the duties are another. */
const rule: Rule = {
  meta: {
    id: "title-duty-mismatch",
    description: "The job title names a different function from the one the duties describe",
    docs: "rules/docs/title-duty-mismatch.md",
    defaultSeverity: "error",
    messages: {
      mismatch: "Title says {{title}}, but the duties are {{duties}} ({{lines}} of {{total}} duty lines). Retitle as: {{suggestions}}.",
      partial: "Title says {{title}}, but the duties are {{duties}} only ({{lines}} of {{total}} duty lines). Retitle as: {{suggestions}}.",
      leans: "Title says {{title}}, but most of the duties are {{duties}} ({{lines}} of {{total}} duty lines). Retitle as: {{suggestions}}, or describe the {{title}} work.",
      intended: "The posting declares {{expected}} work (front matter jdlint.expect), but the duties are {{duties}} ({{lines}} of {{total}} duty lines). Rewrite the duties, or the declaration.",
      pitch:
        "Title says {{title}}, but the posting recruits the way direct-sales firms do ({{where}}): the duties are most likely selling. Retitle as: {{suggestions}}, or describe the {{title}} work and how it is paid.",
      absent: "Title says {{title}}, but none of the duties is {{title}} work ({{lines}} lines read). Describe the {{title}} work, or retitle.",
      outside: "Title is outside sales and marketing, but the duties are {{duties}} ({{lines}} of {{total}} duty lines). Retitle as: {{suggestions}}.",
    },
    options: {},
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const total = v.lineCounts.marketing + v.lineCounts.sales + v.lineCounts.customer_service;
    // `jdlint: { expect: sales }` says what the job is meant to be: the duties must show it.
    const expected = declaredFunction(doc.meta);
    const shownFamilies = v.dutyFamily === "hybrid" ? ["marketing", "sales"] : [v.dutyFamily];
    if (expected && (v.dutyFamily === "hybrid" || v.dutyFamily in v.lineCounts) && !shownFamilies.includes(expected)) {
      const lines = v.dutyFamily === "hybrid" ? v.lineCounts.marketing + v.lineCounts.sales : v.lineCounts[v.dutyFamily as "sales"];
      ctx.report({
        messageId: "intended",
        data: { expected: familyName(expected), duties: familyName(v.dutyFamily), lines, total },
        span: doc.titleSpan,
        lower: v.confidence < ctx.thresholds.errorConfidence,
      });
    }
    if (v.status === "pass") return;
    const shown = v.finding === "leans" ? v.suggestedTitles[0]?.family ?? v.dutyFamily : v.dutyFamily;
    const lines = shown === "hybrid" ? v.lineCounts.marketing + v.lineCounts.sales : v.lineCounts[shown as "sales"] ?? 0;
    const suggestions = v.suggestedTitles.map((s) => s.title);
    const messageId = v.finding === "match" || v.finding === "thin" || v.finding === "no-title" ? null : v.finding;
    if (!messageId) return;
    ctx.report({
      messageId,
      data: {
        title: familyName(v.title.family),
        duties: familyName(shown),
        lines: v.finding === "absent" ? v.analysis.jobLines : lines,
        total,
        suggestions: suggestions.length ? suggestions.join(", ") : "a title in that function",
        where: pitchWhere(doc, v.analysis.pitchSentences),
      },
      span: doc.titleSpan,
      // Thin evidence, a hybrid title over part of its work, or missing duties: worth a look, not a failure.
      lower: v.status === "warn",
      suggestions: suggestions.map((title) => ({ desc: `Retitle as "${title}"`, title })),
    });
  },
};

export default rule;
