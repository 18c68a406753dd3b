import type { ActivityQuota } from "../../src/judge/quotas.js";
import type { SentenceEvidence } from "../../src/judge/evidence.js";
import type { Verdict } from "../../src/judge/verdict.js";
import type { OptionSchema, RuleContext } from "../../src/engine/types.js";
import { stringList } from "./signals.js";

/** Shared by activity-quota and activity-targets: the explicit activity targets of a posting. */

const PERIOD_WORDS: Record<string, string> = { hour: "an hour", day: "a day", week: "a week", month: "a month" };

/** "50 calls a day". */
export function describeQuota(q: ActivityQuota): string {
  const activity = q.count === 1 ? q.activity.replace(/s$/, "") : q.activity;
  return `${q.count} ${activity} ${PERIOD_WORDS[q.period] ?? `per ${q.period}`}`;
}

/** The analysed line a quota stands in, if it has lexicon evidence. */
export function quotaLine(v: Verdict, q: ActivityQuota): SentenceEvidence | undefined {
  return v.analysis.lines.find((l) => l.sentence.span.start <= q.span.start && q.span.end <= l.sentence.span.end);
}

export const DEFAULT_PERIODS = ["hour", "day", "week"];
/** Activities, not outcomes: "15 sales a week" is a sales target, shown by no rule. */
export const DEFAULT_ACTIVITIES = ["calls", "emails", "doors", "meetings", "contacts"];

/** The options both activity rules take: which periods and activities count. */
export const ACTIVITY_OPTIONS: Record<"periods" | "activities", OptionSchema> = {
  periods: {
    type: "array",
    items: { type: "string" },
    description: "Quota periods that count as activity targets (hour, day, week, month)",
    default: DEFAULT_PERIODS,
  },
  activities: {
    type: "array",
    items: { type: "string" },
    description: "Activities that count (the activity ids of rules/lexicons/signals.yaml: calls, emails, doors, meetings, contacts, deals)",
    default: DEFAULT_ACTIVITIES,
  },
};

/** The quotas over the periods and activities a rule's options select, each listed once. */
export function selectedQuotas(v: Verdict, ctx: RuleContext): ActivityQuota[] {
  const periods = stringList(ctx.options.periods, DEFAULT_PERIODS);
  const activities = stringList(ctx.options.activities, DEFAULT_ACTIVITIES);
  const seen = new Set<string>();
  return v.analysis.quotas.filter((q) => {
    const key = `${q.span.start}:${q.span.end}`;
    if (!periods.includes(q.period) || !activities.includes(q.activity) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
