import type { Rule } from "../src/engine/types.js";
import { findSignals, lineOf, listLines, quoted, sentencesWith, type SignalHit } from "./lib/signals.js";

/**
 * A marketing role measured on sales outcomes (quota, closed revenue, commission), or a sales role measured on
 * marketing metrics (brand awareness, MQL volume, traffic).
 */
const rule: Rule = {
  meta: {
    id: "kpi-mismatch",
    description: "A marketing role measured on sales outcomes, or a sales role measured on marketing metrics",
    docs: "rules/docs/kpi-mismatch.md",
    defaultSeverity: "warning",
    messages: {
      marketingOnSales:
        "A marketing role measured on sales results: {{phrases}} ({{where}}). Measure it on what marketing controls (qualified leads, pipeline sourced, campaign results), or make it a sales role.",
      salesOnMarketing:
        "A sales role measured on marketing results: {{phrases}} ({{where}}). Measure it on what a seller controls (meetings, pipeline, closed revenue), or give these goals to marketing.",
    },
    options: {},
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const tf = v.title.family;
    // Only where the title and the duties agree on the function (otherwise title-duty-mismatch or hybrid-role
    // speaks, and the measure follows the work), or where a marketing title passes over work that a quota
    // and commission of its own have made half selling: the measure is then the problem to name.
    const agree = v.dutyFamily === tf || (tf === "marketing" && v.dutyFamily === "hybrid" && v.status === "pass");
    if ((tf !== "marketing" && tf !== "sales") || !agree) return;
    let hits: SignalHit[];
    if (tf === "marketing") {
      const helping = sentencesWith(doc, ctx.knowledge, "supporting_sales");
      hits = findSignals(doc, ctx.knowledge, "sales_outcomes").filter((h) => !helping.has(h.index));
    } else {
      const measured = sentencesWith(doc, ctx.knowledge, "measure_cues");
      hits = findSignals(doc, ctx.knowledge, "marketing_metrics").filter((h) => measured.has(h.index));
    }
    if (hits.length === 0) return;
    const lines = hits.map((h) => lineOf(doc, h.span));
    const first = hits[0]!;
    ctx.report({
      messageId: tf === "marketing" ? "marketingOnSales" : "salesOnMarketing",
      data: {
        phrases: quoted(doc, hits.map((h) => h.span)),
        where: `line${new Set(lines).size > 1 ? "s" : ""} ${listLines(lines)}`,
      },
      span: first.sentence.span,
      suggestions: [
        tf === "marketing"
          ? { desc: "Replace sales targets with marketing measures: marketing-qualified leads, pipeline sourced, campaign ROI, reach" }
          : { desc: "Replace marketing metrics with sales measures: meetings booked, pipeline created, revenue closed" },
      ],
    });
  },
};

export default rule;
