import type { Rule } from "../src/engine/types.js";
import { activityQuotas, DEFAULT_ACTIVITIES, DEFAULT_PERIODS, describeQuota } from "./lib/activity.js";
import { lineOf, listLines, stringList } from "./lib/signals.js";

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
    options: {
      periods: {
        type: "array",
        items: { type: "string" },
        description: "Quota periods that count as activity targets (hour, day, week, month)",
        default: DEFAULT_PERIODS,
      },
      activities: {
        type: "array",
        items: { type: "string" },
        description: "Activities that count (the activity ids of rules/lexicons/signals.yaml)",
        default: DEFAULT_ACTIVITIES,
      },
    },
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    if (v.title.family !== "sales" && v.title.family !== "hybrid") return;
    const quotas = activityQuotas(doc, v, stringList(ctx.options.periods, DEFAULT_PERIODS), stringList(ctx.options.activities, DEFAULT_ACTIVITIES));
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
