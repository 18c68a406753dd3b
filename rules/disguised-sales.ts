import type { Rule } from "../src/engine/types.js";
import { suggestTitles } from "../src/judge/retitle.js";
import { findSignals, lineOf, listLines, numberOption, stringList, type SignalHit } from "./lib/signals.js";

const DEFAULT_TITLE_FAMILIES = ["marketing", "customer_service"];

/** What each rule-signals group means to a candidate, in the order they tell. */
const KINDS: Array<[group: string, label: string]> = [
  ["commission_pay", "commission-based pay"],
  ["door_to_door", "door-to-door selling"],
  ["event_selling", "on-the-spot selling or sign-ups (events, stands, counters)"],
  ["no_experience", "no experience needed"],
];

/**
 * Commission-only pay, door-to-door, event or counter selling, "no experience necessary", under a marketing,
 * promotional, brand-ambassador or customer-service title: the case that hurts job seekers most.
 */
const rule: Rule = {
  meta: {
    id: "disguised-sales",
    description: "Commission-based, door-to-door, event or counter selling under a marketing, promotional or customer-service title",
    docs: "rules/docs/disguised-sales.md",
    defaultSeverity: "error",
    messages: {
      disguised:
        "Selling job under a {{title}} title: {{kinds}} ({{where}}). Candidates will expect a salaried {{title}} job; name the selling in the title and state the pay plainly.",
    },
    options: {
      titleFamilies: {
        type: "array",
        items: { type: "string" },
        description: "Title families a selling job can hide behind (marketing, customer_service)",
        default: DEFAULT_TITLE_FAMILIES,
      },
      minSalesShare: {
        type: "number",
        description: "Without commission-based pay, the share of the duty evidence that must be sales before selling at doors or events counts",
        minimum: 0,
        maximum: 1,
        default: 0.3,
      },
    },
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const tf = v.title.family;
    if (!stringList(ctx.options.titleFamilies, DEFAULT_TITLE_FAMILIES).includes(tf)) return;
    const found = new Map<string, SignalHit[]>(KINDS.map(([group]) => [group, findSignals(doc, ctx.knowledge, group)]));
    const pay = found.get("commission_pay")!.length > 0;
    const selling = found.get("door_to_door")!.length > 0 || found.get("event_selling")!.length > 0;
    const mostlySales = v.dutyMix.sales >= numberOption(ctx.options.minSalesShare, 0.3);
    const noExperience = found.get("no_experience")!.length > 0;
    // "No experience necessary" alone is a fair entry-level marketing job: it counts only over duties that are sales.
    if (!pay && !(selling && mostlySales) && !(noExperience && v.dutyFamily === "sales")) return;
    const present = KINDS.filter(([group]) => found.get(group)!.length > 0);
    const telling = found.get(present[0]![0])![0]!;
    const lines = present.flatMap(([group]) => found.get(group)!.map((h) => lineOf(doc, h.span)));
    const retitles = suggestTitles(ctx.knowledge, "sales", v.analysis, v.level, doc.title).slice(0, 3);
    ctx.report({
      messageId: "disguised",
      data: {
        title: tf === "customer_service" ? "customer service" : tf,
        kinds: [...(v.dutyFamily === "sales" ? ["selling duties"] : []), ...present.map(([, label]) => label)].join(", "),
        where: `line${new Set(lines).size > 1 ? "s" : ""} ${listLines(lines)}`,
      },
      span: telling.sentence.span,
      suggestions: [
        ...retitles.map((t) => ({ desc: `Retitle as "${t.title}"`, title: t.title })),
        { desc: "State the pay structure plainly: base pay, or commission only, and typical earnings" },
      ],
    });
  },
};

export default rule;
