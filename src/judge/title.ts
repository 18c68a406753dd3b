import type { Family, JobFamily, Knowledge, TitleRule } from "../lexicon/knowledge.js";
import { TermSet, type Match } from "../lexicon/termset.js";
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

/** Each rule list's phrases in one index, tagged with the rule's place in the list; built once per list. */
const ruleIndexes = new WeakMap<TitleRule[], TermSet<number>>();

function ruleIndex(rules: TitleRule[]): TermSet<number> {
  let index = ruleIndexes.get(rules);
  if (!index) {
    index = new TermSet(rules.map((rule, i) => ({ ...rule.term, tag: i })));
    ruleIndexes.set(rules, index);
  }
  return index;
}

/**
 * Rules apply in file order; a match consumes its words, so "telemarketing" never also reads as "marketing".
 * A rule matches every free occurrence of its phrase.
 */
function matchRules(rules: TitleRule[], tokens: Token[]): Array<{ rule: TitleRule; first: number }> {
  // Every place each rule's phrase matches, found in one pass, then taken in rule order.
  const matches = ruleIndex(rules)
    .matchAll(tokens)
    .slice()
    .sort((a, b) => a.term.tag - b.term.tag || a.first - b.first);
  const used = new Array<boolean>(tokens.length).fill(false);
  const found: Array<{ rule: TitleRule; first: number }> = [];
  let rule = -1;
  let after = -1;
  for (const m of matches) {
    if (m.term.tag !== rule) {
      rule = m.term.tag;
      after = -1;
    }
    // A rule's next match starts after its last one, as a left-to-right scan finds them.
    if (m.first <= after || used[m.first]) continue;
    let free = true;
    for (let k = m.first; k <= m.last; k++) if (used[k]) free = false;
    if (!free) continue;
    for (let k = m.first; k <= m.last; k++) used[k] = true;
    found.push({ rule: rules[rule]!, first: m.first });
    after = m.last;
  }
  return found.sort((a, b) => a.first - b.first);
}

export function seniorityOf(knowledge: Knowledge, tokens: Token[]): string {
  const { levels, fallback, words, overrides } = knowledge.seniority;
  const override = overrides.matchAll(tokens).slice().sort((a, b) => overrideRank(overrides.terms, a) - overrideRank(overrides.terms, b))[0];
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
  // A title's punctuation separates parts, not clauses: "Engineer, Marketing" is still one title.
  const tokens = tokenize(title).map((t) => ({ ...t, clauseBreak: false }));
  const found = matchRules(knowledge.titles.classify, tokens);
  const families = new Set<Family | "other">(found.map((f) => f.rule.family));
  // Marketing and sales together are hybrid; otherwise the function named first in the title decides
  // ("Customer Support Account Executive" is customer service). `other` rules only claim words.
  const named = found.filter((f) => f.rule.family !== "other");
  const family: JobFamily = families.has("marketing") && families.has("sales") ? "hybrid" : (named[0]?.rule.family as Family | undefined) ?? "other";
  const order = (r: TitleRule) => knowledge.titles.classify.indexOf(r);
  const first = named
    .filter((f) => f.rule.specialisation && (family === "hybrid" || f.rule.family === family))
    .sort((a, b) => order(a.rule) - order(b.rule))[0];
  return {
    family,
    specialisation: first?.rule.specialisation ?? null,
    level: seniorityOf(knowledge, tokens),
    ambiguous: found.find((f) => f.rule.ambiguous)?.rule.ambiguous ?? null,
    rules: found.map((f) => f.rule),
  };
}
