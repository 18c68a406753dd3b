import type { Family, Knowledge } from "../lexicon/knowledge.js";
import type { Analysis } from "./evidence.js";
import type { TitleClass } from "./title.js";
import type { Thresholds } from "./thresholds.js";
import { compareCodeUnits } from "../text/compare.js";

export interface SuggestedTitle {
  title: string;
  family: Family;
  score: number;
}

const MAX_SUGGESTIONS = 4;
const MIN_SUGGESTIONS = 2;
/** A general title ("Sales Representative") fits a little whatever the mix. */
const GENERAL_FIT = 0.15;
/** Titles scoring under this share of the best are not worth suggesting. */
const MIN_SHARE_OF_TOP = 0.2;
/** How much a title one seniority level above the fitting level is worth. */
const NEXT_LEVEL = 0.7;
/** How the work is done (in the field, on the phone, in a store) says more about a title than the sales stage. */
const CHANNEL_BOOST = 2;
const CHANNELS = new Set(["field", "telesales", "retail"]);
/** Sub-functions that say how work is measured or paid, not what it is: no title of their own. */
const NOT_SPECIALISATIONS = new Set(["targets"]);

/**
 * The seniority the duties support: a senior title needs people, budget or strategy in its duties;
 * daily activity targets, "no experience necessary" and training mark entry-level work.
 */
export function fittingLevel(knowledge: Knowledge, title: TitleClass, a: Analysis, t: Thresholds): string {
  const levels = knowledge.seniority.levels;
  const at = (name: string) => Math.max(0, levels.indexOf(name));
  let level = at(title.level);
  const leads = a.leadership >= t.leadershipForManager;
  // A senior title needs senior work; daily activity targets are individual-contributor work.
  if ((!leads || a.quotas.length > 0) && level > at("senior")) level = at("mid");
  if (a.entry >= t.entrySignals && level > at("entry")) level = at(leads ? "mid" : "entry");
  return levels[level]!;
}

/**
 * Retitles in `family` ranked by fit: the specialisations the duties show most, at the fitting level
 * (the nearest level the taxonomy has), then the next level up or down.
 */
export function suggestTitles(
  knowledge: Knowledge,
  family: Family,
  a: Analysis,
  level: string,
  currentTitle: string | null,
): SuggestedTitle[] {
  const specs = knowledge.titles.taxonomy[family];
  if (!specs) return [];
  const levels = knowledge.seniority.levels;
  const want = levels.indexOf(level);
  const shares = Object.entries(a.subfunctions)
    .filter(([k]) => k.startsWith(`${family}.`))
    .map(([k, v]) => [k.slice(family.length + 1), v] as const)
    .filter(([spec]) => !NOT_SPECIALISATIONS.has(spec))
    .map(([spec, v]) => [spec, CHANNELS.has(spec) ? v * CHANNEL_BOOST : v] as const);
  const total = shares.reduce((sum, [, v]) => sum + v, 0);
  const fitOf = (spec: string) => (spec === "general" ? GENERAL_FIT : total > 0 ? (shares.find(([s]) => s === spec)?.[1] ?? 0) / total : 0);
  const scored = new Map<string, { score: number; spec: string }>();
  for (const [spec, byLevel] of Object.entries(specs)) {
    const fit = fitOf(spec);
    if (fit <= 0 || NOT_SPECIALISATIONS.has(spec)) continue;
    const available = Object.keys(byLevel).map((l) => levels.indexOf(l)).filter((i) => i >= 0).sort((x, y) => x - y);
    // The fitting level, else the nearest above it, else the highest below.
    const base = available.find((i) => i >= want) ?? available[available.length - 1];
    if (base === undefined) continue;
    const next = available.find((i) => i > base);
    for (const [i, closeness] of [[base, 1], [next, NEXT_LEVEL]] as const) {
      if (i === undefined) continue;
      for (const [rank, title] of (byLevel[levels[i]!] ?? []).entries()) {
        if (currentTitle && title.toLowerCase() === currentTitle.trim().toLowerCase()) continue;
        // Earlier titles in a list are the more common ones.
        const score = fit * closeness * (1 - rank * 0.05);
        if (score > (scored.get(title)?.score ?? 0)) scored.set(title, { score, spec });
      }
    }
  }
  const ranked = [...scored.entries()].sort((x, y) => y[1].score - x[1].score || compareCodeUnits(x[0], y[0]));
  const top = ranked[0]?.[1].score ?? 0;
  // Variety first: the best title of each specialisation the duties show, then the next best overall.
  const picked: typeof ranked = [];
  const specsSeen = new Set<string>();
  for (const entry of ranked) {
    if (picked.length >= MAX_SUGGESTIONS - 1) break;
    if (specsSeen.has(entry[1].spec) || entry[1].score < top * MIN_SHARE_OF_TOP) continue;
    specsSeen.add(entry[1].spec);
    picked.push(entry);
  }
  for (const entry of ranked) {
    if (picked.length >= MAX_SUGGESTIONS || (picked.length >= MIN_SUGGESTIONS && entry[1].score < top * MIN_SHARE_OF_TOP)) break;
    if (!picked.includes(entry)) picked.push(entry);
  }
  picked.sort((x, y) => y[1].score - x[1].score);
  return picked.map(([title, { score }]) => ({ title, family, score: Math.round((score / (top || 1)) * 100) / 100 }));
}
