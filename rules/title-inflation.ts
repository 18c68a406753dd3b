import type { Rule } from "../src/engine/types.js";
import type { Family } from "../src/lexicon/knowledge.js";
import { suggestTitles } from "../src/judge/retitle.js";
import { describeQuota } from "./lib/activity.js";
import { numberOption, stringList } from "./lib/signals.js";

const DEFAULT_LEVELS = ["director", "vp", "chief"];
const DEFAULT_INDIVIDUAL = ["sales.prospecting", "sales.telesales", "sales.field", "sales.retail"];

/** A senior title (Director, Head, VP) over individual work: no strategy, budget or people to lead. */
const rule: Rule = {
  meta: {
    id: "title-inflation",
    description: "A senior title (Director, Head, VP) whose duties are individual work with no strategy, budget or people to lead",
    docs: "rules/docs/title-inflation.md",
    defaultSeverity: "warning",
    messages: {
      inflated:
        "Title says {{level}}, but the duties are individual work with no team, budget or strategy to own{{quotas}}. Retitle at the level of the work{{suggestions}}, or describe the leadership the role has.",
    },
    options: {
      levels: {
        type: "array",
        items: { type: "string" },
        description: "Title seniority levels (rules/seniority.yaml) that promise leadership",
        default: DEFAULT_LEVELS,
      },
      individualSubfunctions: {
        type: "array",
        items: { type: "string" },
        description: "Sub-functions (family.subfunction) that are individual activity work: prospecting, phone, field and store selling",
        default: DEFAULT_INDIVIDUAL,
      },
      minIndividualShare: {
        type: "number",
        description: "Share of the title's function's evidence in those sub-functions that marks the duties as individual activity work",
        minimum: 0,
        maximum: 1,
        default: 0.5,
      },
    },
  },
  check(doc, ctx) {
    const v = ctx.verdict;
    const a = v.analysis;
    const tf = v.title.family;
    const family: Family | null = tf === "marketing" || tf === "sales" || tf === "customer_service" ? tf : null;
    if (!family || !doc.titleSpan) return;
    // The title names the wrong function altogether: title-duty-mismatch reports it, with retitles at the right level.
    if (v.dutyFamily !== family) return;
    const senior = stringList(ctx.options.levels, DEFAULT_LEVELS);
    if (!senior.includes(v.title.level)) return;
    // No people, budget or strategy (rules/lexicons/signals.yaml `seniority.leadership`), and the level the
    // duties support (judge/retitle.ts fittingLevel) is below the senior levels.
    if (a.leadership >= ctx.thresholds.leadershipForManager || senior.includes(v.level)) return;
    const levels = ctx.knowledge.seniority.levels;
    if (levels.indexOf(v.level) >= levels.indexOf(v.title.level)) return;
    // Individual activity work, not just leadership the posting forgot to describe: activity targets,
    // entry-level conditions, or mostly prospecting, phone, field or store selling.
    const own = Object.entries(a.subfunctions).filter(([k]) => k.startsWith(`${family}.`));
    const individual = stringList(ctx.options.individualSubfunctions, DEFAULT_INDIVIDUAL);
    const total = own.reduce((s, [, w]) => s + w, 0);
    const share = total > 0 ? own.filter(([k]) => individual.includes(k)).reduce((s, [, w]) => s + w, 0) / total : 0;
    const entryLevel = a.entry >= ctx.thresholds.entrySignals;
    if (a.quotas.length === 0 && !entryLevel && share < numberOption(ctx.options.minIndividualShare, 0.5)) return;
    // A senior individual contributor, unless the posting is entry-level or runs on activity targets.
    const at = entryLevel || a.quotas.length > 0 ? v.level : "senior";
    const retitles = suggestTitles(ctx.knowledge, family, a, at, doc.title).slice(0, 3);
    const quotas = a.quotas.slice(0, 2).map(describeQuota);
    ctx.report({
      messageId: "inflated",
      data: {
        level: v.title.level === "vp" ? "VP" : v.title.level,
        quotas: quotas.length ? ` (activity targets: ${quotas.join(", ")})` : "",
        suggestions: retitles.length ? `, e.g. ${retitles.map((t) => `"${t.title}"`).join(", ")}` : "",
      },
      span: doc.titleSpan,
      suggestions: retitles.map((t) => ({ desc: `Retitle as "${t.title}"`, title: t.title })),
    });
  },
};

export default rule;
