import type { Knowledge } from "../lexicon/knowledge.js";
import type { Token } from "../text/tokenize.js";
import type { Span } from "../model/span.js";

/** An explicit activity target: "50 outbound calls a day" -> 50 calls per day. */
export interface ActivityQuota {
  count: number;
  activity: string;
  period: string;
  span: Span;
  firstToken: number;
}

const MAX_PLAUSIBLE = 10_000;
/** How many tokens a shared period may stand after an earlier activity ("50 calls and send 50 emails a day"). */
const COORDINATION_REACH = 10;

/** Finds "N <activity> per <period>" and "<period> target of N <activity>" in the tokens of a sentence starting at `base`. */
export function findQuotas(knowledge: Knowledge, tokens: Token[], base: number): ActivityQuota[] {
  const { window, activities, periods } = knowledge.quotas;
  const found: ActivityQuota[] = [];
  // Most sentences have no number: no quota to find.
  if (!tokens.some((t) => t.number !== null)) return found;
  const activityAt = new Map(activities.matchAll(tokens).map((m) => [m.first, m]));
  const periodAt = new Map(periods.matchAll(tokens).map((m) => [m.first, m]));
  const pending: Array<{ i: number; activity: { tag: string; at: number } }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const n = tokens[i]!.number;
    if (n === null || n < 1 || n > MAX_PLAUSIBLE) continue;
    let activity: { tag: string; at: number } | null = null;
    for (let j = i + 1; j <= i + window && j < tokens.length; j++) {
      if (tokens[j]!.clauseBreak) break;
      const m = activityAt.get(j);
      if (m) {
        activity = { tag: m.term.tag, at: m.last };
        break;
      }
    }
    if (!activity) continue;
    let period: { tag: string; at: number } | null = null;
    for (let j = activity.at + 1; j <= activity.at + window && j < tokens.length; j++) {
      const m = periodAt.get(j);
      if (m) {
        period = { tag: m.term.tag, at: m.last };
        break;
      }
    }
    // "a daily target of 50 calls": the period word comes first.
    if (!period) {
      for (let j = i - 1; j >= Math.max(0, i - window); j--) {
        const m = periodAt.get(j);
        if (m) {
          period = { tag: m.term.tag, at: activity.at };
          break;
        }
        if (tokens[j]!.clauseBreak) break;
      }
    }
    // "50 calls and 50 emails a day": the period stated once covers each activity before it.
    if (!period) {
      pending.push({ i, activity });
      continue;
    }
    for (const p of pending.splice(0)) {
      if (period.at - p.activity.at > COORDINATION_REACH) continue;
      found.push({
        count: tokens[p.i]!.number!,
        activity: p.activity.tag,
        period: period.tag,
        span: { start: base + tokens[p.i]!.start, end: base + tokens[p.activity.at]!.end },
        firstToken: p.i,
      });
    }
    found.push({
      count: n,
      activity: activity.tag,
      period: period.tag,
      span: { start: base + tokens[i]!.start, end: base + tokens[Math.max(period.at, activity.at)]!.end },
      firstToken: i,
    });
  }
  return found.sort((a, b) => a.firstToken - b.firstToken);
}
