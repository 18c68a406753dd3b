import type { Family, Knowledge } from "../lexicon/knowledge.js";
import type { Analysis } from "./evidence.js";
import type { TitleClass } from "./title.js";
import type { Thresholds } from "./thresholds.js";

export interface SuggestedTitle {
  title: string;
  family: Family;
  score: number;
}

const MAX_SUGGESTIONS = 4;
const MIN_SUGGESTIONS = 2;
/** How much a title one seniority level away from the fitting level is worth. */
const ADJACENT_LEVEL = 0.7;

/**
 * The seniority the duties support: a senior title needs people, budget or strategy in its duties;
 * daily activity targets, "no experience necessary" and training mark entry-level work.
 */
export function fittingLevel(knowledge: Knowledge, title: TitleClass, a: Analysis, t: Thresholds): string {
  const levels = knowledge.seniority.levels;
  const at = (name: string) => Math.max(0, levels.indexOf(name));
  let level = at(title.level);
  const entry = a.entry >= t.entrySignals || a.quotas.length > 0;
  if (a.leadership < t.leadershipForManager && level > at("senior")) level = at("mid");
  if (entry && level > at("entry")) level = at(a.leadership >= t.leadershipForManager ? "mid" : "entry");
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
  const total = Object.entries(a.subfunctions)
    .filter(([k]) => k.startsWith(`${family}.`))
    .reduce((s, [, v]) => s + v, 0);
  const scored = new Map<string, number>();
  for (const [spec, byLevel] of Object.entries(specs)) {
    const share = total > 0 ? (a.subfunctions[`${family}.${spec}`] ?? 0) / total : 0;
    // A general title fits a little whatever the mix; a specialised one as much as its share of the duties.
    const fit = spec === "general" ? 0.25 : share;
    if (fit <= 0) continue;
    const available = Object.keys(byLevel).map((l) => levels.indexOf(l)).filter((i) => i >= 0);
    if (available.length === 0) continue;
    const nearest = available.reduce((b, i) => (Math.abs(i - want) < Math.abs(b - want) ? i : b));
    for (const i of available) {
      const distance = Math.abs(i - want) - Math.abs(nearest - want);
      if (distance > 1) continue;
      const closeness = distance === 0 ? 1 : ADJACENT_LEVEL;
      for (const [rank, title] of (byLevel[levels[i]!] ?? []).entries()) {
        // Earlier titles in a list are the more common ones.
        const score = fit * closeness * (1 - rank * 0.05);
        if (currentTitle && title.toLowerCase() === currentTitle.trim().toLowerCase()) continue;
        if (score > (scored.get(title) ?? 0)) scored.set(title, score);
      }
    }
  }
  const ranked = [...scored.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  const top = ranked[0]?.[1] ?? 0;
  const picked = ranked.filter(([, s], i) => i < MIN_SUGGESTIONS || s >= top * 0.5).slice(0, MAX_SUGGESTIONS);
  return picked.map(([title, s]) => ({ title, family, score: Math.round((s / (top || 1)) * 100) / 100 }));
}
