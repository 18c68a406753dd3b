import type { Rule } from "../src/engine/types.js";
import { ACTIVITY_OPTIONS, selectedQuotas, describeQuota } from "./lib/activity.js";
import { lineOf, listLines } from "./lib/signals.js";

/** Explicit daily or weekly activity targets in a sales posting, shown so candidates and recruiters see them. */
const rule: Rule = {
  meta: {
    id: "activity-targets",
    description: "Shows the explicit daily or weekly activity targets (calls, emails, doors, meetings) of a sales posting",
    docs: "rules/docs/activity-targets.md",
    defaultSeverity: "info",
    messages: {
      targets: "Activity targets: {{quotas}} ({{where}}).",
    },
    options: ACTIVITY_OPTIONS,
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    if (v.title.family !== "sales" && v.title.family !== "hybrid") return;
    const quotas = selectedQuotas(v, ctx);
    if (quotas.length === 0) return;
    const lines = quotas.map((q) => lineOf(doc, q.span));
    ctx.report({
      messageId: "targets",
      data: { quotas: quotas.map(describeQuota).join(", "), where: `line${new Set(lines).size > 1 ? "s" : ""} ${listLines(lines)}` },
      span: quotas[0]!.span,
    });
  },
};

export default rule;
