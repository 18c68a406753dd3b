import type { Rule } from "../src/engine/types.js";
import { findSignals, lineOf, listLines, quoted } from "./lib/signals.js";

/** A sales role that must find every lead alone, or bring its own book of business, with no marketing support. */
const rule: Rule = {
  meta: {
    id: "self-sourced-pipeline",
    description: "A sales role must generate its own leads or bring its own book of business, with no marketing support",
    docs: "rules/docs/self-sourced-pipeline.md",
    defaultSeverity: "warning",
    messages: {
      selfSourced:
        "The seller must bring or find every lead alone: {{phrases}} ({{where}}), and no leads or marketing support are mentioned. Say what pipeline the company provides, or state that the role is fully self-sourced.",
      noSupport:
        "The seller gets no leads and no marketing support: {{phrases}} ({{where}}). Candidates should know this up front; say how they are expected to build a pipeline and how that is paid.",
    },
    options: {},
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const tf = v.title.family;
    // A sales role: by its title, or by its duties under a marketing or service title (disguised selling).
    const salesRole =
      tf === "sales" || tf === "hybrid" || ((tf === "marketing" || tf === "customer_service") && v.dutyFamily === "sales");
    if (!salesRole) return;
    if (findSignals(doc, ctx.knowledge, "leads_provided").length > 0) return;
    const none = findSignals(doc, ctx.knowledge, "no_marketing_support");
    const self = findSignals(doc, ctx.knowledge, "self_sourced");
    const hits = [...none, ...self].sort((a, b) => a.span.start - b.span.start);
    if (hits.length === 0) return;
    const lines = hits.map((h) => lineOf(doc, h.span));
    const telling = none[0] ?? self[0]!;
    ctx.report({
      messageId: none.length ? "noSupport" : "selfSourced",
      data: { phrases: quoted(doc, hits.map((h) => h.span)), where: `line${new Set(lines).size > 1 ? "s" : ""} ${listLines(lines)}` },
      span: telling.sentence.span,
      suggestions: [
        { desc: "State what pipeline comes with the job (marketing or inbound leads, existing accounts) and what the seller must source alone" },
      ],
    });
  },
};

export default rule;
