import type { Rule } from "../src/engine/types.js";
import { ACTIVITY_OPTIONS, selectedQuotas, describeQuota, quotaLine } from "./lib/activity.js";
import { lineOf, listLines } from "./lib/signals.js";

/**
 * Explicit daily or weekly selling-activity targets under a title that is not a sales title: the job is
 * measured as sales work whatever it is called. (Under a sales title, activity-targets shows them.)
 */
const rule: Rule = {
  meta: {
    id: "activity-quota",
    description: "Explicit daily or weekly selling-activity targets (calls, emails, doors, meetings) under a title that is not a sales title",
    docs: "rules/docs/activity-quota.md",
    defaultSeverity: "error",
    messages: {
      quota:
        "Activity quota of a sales job under a {{title}} title: {{quotas}} ({{where}}). Retitle it as the sales job it is, or drop the selling targets.",
    },
    options: ACTIVITY_OPTIONS,
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const tf = v.title.family;
    // Titles outside the three functions only when the duties are selling anyway (a nurse's "10 home visits a day" is not).
    const applies = tf === "marketing" || tf === "customer_service" || (tf === "other" && (v.dutyFamily === "sales" || v.dutyFamily === "hybrid"));
    if (!applies) return;
    const quotas = selectedQuotas(v, ctx)
      // Selling targets only: "answer 80 calls a day" in a service job or "send 2 newsletters a week" in marketing is that job's own work.
      .filter((q) => quotaLine(v, q)?.family === "sales");
    if (quotas.length === 0) return;
    const lines = quotas.map((q) => lineOf(doc, q.span));
    const suggestions = v.suggestedTitles.filter((s) => s.family === "sales").map((s) => ({ desc: `Retitle as "${s.title}"`, title: s.title }));
    ctx.report({
      messageId: "quota",
      data: {
        title: tf === "other" ? "non-sales" : tf === "customer_service" ? "customer service" : tf,
        quotas: quotas.map(describeQuota).join(", "),
        where: `line${new Set(lines).size > 1 ? "s" : ""} ${listLines(lines)}`,
      },
      span: quotas[0]!.span,
      suggestions: suggestions.length ? suggestions : [{ desc: "Use a sales title, or remove the selling-activity targets" }],
    });
  },
};

export default rule;
