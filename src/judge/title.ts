import type { Family, JobFamily, Knowledge, TitleRule } from "../lexicon/knowledge.js";
import type { Match } from "../lexicon/termset.js";
import { matchAt } from "../lexicon/phrase.js";
import { tokenize, type Token } from "../text/tokenize.js";

export interface TitleClass {
  family: JobFamily;
  /** The specialisation the title names (telesales, brand...), if any. */
  specialisation: string | null;
  level: string;
  /** The note of an ambiguous title ("Marketing Representative"), as the data documents it. */
  ambiguous: string | null;
  /** The classify rules that matched, in title order. */
  rules: TitleRule[];
}

/** Rules apply in file order; a match consumes its words, so "telemarketing" never also reads as "marketing". */
function matchRules(rules: TitleRule[], tokens: Token[]): Array<{ rule: TitleRule; first: number }> {
  const used = new Array<boolean>(tokens.length).fill(false);
  const found: Array<{ rule: TitleRule; first: number }> = [];
  for (const rule of rules) {
    for (let i = 0; i < tokens.length; i++) {
      if (used[i]) continue;
      const last = matchAt(rule.term.phrase, tokens, i);
      if (last < 0) continue;
      let free = true;
      for (let k = i; k <= last; k++) if (used[k]) free = false;
      if (!free) continue;
      for (let k = i; k <= last; k++) used[k] = true;
      found.push({ rule, first: i });
      break;
    }
  }
  return found.sort((a, b) => a.first - b.first);
}

export function seniorityOf(knowledge: Knowledge, tokens: Token[]): string {
  const { levels, fallback, words, overrides } = knowledge.seniority;
  const override = overrides.matchAll(tokens).sort((a, b) => overrideRank(overrides.terms, a) - overrideRank(overrides.terms, b))[0];
  if (override) return override.term.tag;
  let best = -1;
  for (const m of words.matchAll(tokens)) best = Math.max(best, levels.indexOf(m.term.tag));
  return best >= 0 ? levels[best]! : fallback;
}

function overrideRank(terms: readonly unknown[], m: Match<string>): number {
  return terms.indexOf(m.term);
}

/** What a title claims: its function family, specialisation and seniority. */
export function classifyTitle(knowledge: Knowledge, title: string | null): TitleClass {
  if (!title || !title.trim()) {
    return { family: "unknown", specialisation: null, level: knowledge.seniority.fallback, ambiguous: null, rules: [] };
  }
  const tokens = tokenize(title);
  const found = matchRules(knowledge.titles.classify, tokens);
  const families = new Set<Family | "other">(found.map((f) => f.rule.family));
  let family: JobFamily;
  if (families.has("marketing") && families.has("sales")) family = "hybrid";
  else {
    // The most specific rule (earliest in the data) that names a function decides.
    const byPriority = [...found].sort(
      (a, b) => knowledge.titles.classify.indexOf(a.rule) - knowledge.titles.classify.indexOf(b.rule),
    );
    const named = byPriority.find((f) => f.rule.family !== "other");
    family = named ? named.rule.family : "other";
  }
  const first = found.find((f) => f.rule.specialisation);
  return {
    family,
    specialisation: first?.rule.specialisation ?? null,
    level: seniorityOf(knowledge, tokens),
    ambiguous: found.find((f) => f.rule.ambiguous)?.rule.ambiguous ?? null,
    rules: found.map((f) => f.rule),
  };
}
