import { asArray, asNumber, asObject, asString, rejectUnknownKeys, YamlFile } from "../data/yaml-file.js";
import { compilePhrase, DEFAULT_GAP } from "./phrase.js";
import { TermSet, type Term } from "./termset.js";

/**
 * The knowledge of the language rules and of the pay in a result: rules/lexicons/gendered.yaml,
 * exclusionary.yaml, expectations.yaml and pay.yaml. Each file compiles to two phrase sets whose tags say which
 * list a phrase comes from (`g`) and which entry (`i`) or value (`v`): `set`, the words a rule looks for on every
 * line, and `context`, the common words that only qualify a find ("you", "years", "per hour"), read only on the
 * few lines where `set` found something. `set` is matched in the judge's one pass over each sentence
 * (TermSet.matchTogether), where its specific words cost next to nothing; `context` is not, so that common words
 * are not matched on every line.
 */

/** Which list of a language file a phrase comes from, and its entry there. */
export interface ListTag {
  g: string;
  /** The entry's index in its list (-1 for lists without entries). */
  i: number;
  /** A value the phrase stands for (a currency code, a period, a jurisdiction), or "". */
  v: string;
}

export interface GenderedTerm {
  neutral: string;
  /** A pronoun: counts only where the line speaks of the person hired. */
  pronoun: boolean;
}

/** g: masculine | feminine | term (i = index in terms); context: not_trait | candidate. */
export interface GenderedKnowledge {
  set: TermSet<ListTag>;
  /** Read only on lines where `set` found something (see splitSets). */
  context: TermSet<ListTag>;
  minWords: number;
  lean: number;
  terms: GenderedTerm[];
}

export interface LanguageEntry {
  kind: string;
  reason: string;
  rewrite: string;
  /** The entry is no finding when its line states a legal basis (legal_basis). */
  unlessLegalBasis: boolean;
  /** For expectations: the group it belongs to (new_starter, always_available). */
  group: string;
  /** The entry has `unless` phrases (tagged unless, i = this entry). */
  hasUnless: boolean;
  /** For expectations: counts only in an entry-level posting. */
  entryLevelOnly: boolean;
}

/** g: entry | age_cue; context: unless (i = entry) | legal | age_upper | not_age. */
export interface ExclusionaryKnowledge {
  set: TermSet<ListTag>;
  context: TermSet<ListTag>;
  entries: LanguageEntry[];
  ageLimit: { window: number; minAge: number; maxAge: number; reason: string; rewrite: string };
}

/**
 * g: perk | perk_in_benefits | hats | entry | entry_title | entry_text; context: substantive | role (i = role) |
 * unless (i = entry) | years | experience | asks.
 */
export interface ExpectationsKnowledge {
  set: TermSet<ListTag>;
  context: TermSet<ListTag>;
  perks: { reason: string; rewrite: string };
  hats: { linesAfter: number; minRoles: number; reason: string; rewrite: string };
  entries: LanguageEntry[];
  entryLevel: { window: number; reason: string; rewrite: string };
}

export const PERIODS = ["hour", "day", "week", "month", "year"] as const;
export type Period = (typeof PERIODS)[number];
export const PAY_BASES = ["base", "ote", "commission_only", "uncapped", "vague"] as const;

export interface Jurisdiction {
  code: string;
  label: string;
  law: string;
}

/** g: currency (v = code) | basis (v = base...); context: period (v) | pay_word | not_pay | place (v = jurisdiction) | location_cue. */
export interface PayKnowledge {
  set: TermSet<ListTag>;
  context: TermSet<ListTag>;
  /** Currency symbols, longest first, with their codes. */
  symbols: Array<{ symbol: string; code: string }>;
  yearlyFrom: number;
  jurisdictions: Jurisdiction[];
}

type Path = (string | number)[];

function tag(g: string, i = -1, v = ""): ListTag {
  return { g, i, v };
}

/** A file's phrases as the two sets: those of the `context` lists apart. */
function splitSets(all: Term<ListTag>[], context: string[]): { set: TermSet<ListTag>; context: TermSet<ListTag> } {
  return { set: new TermSet(all.filter((t) => !context.includes(t.tag.g))), context: new TermSet(all.filter((t) => context.includes(t.tag.g))) };
}

/** A list of phrases (strings, or {phrase, gap?}) tagged alike. */
function phrases(y: YamlFile, list: unknown, path: Path, t: ListTag): Term<ListTag>[] {
  return asArray(y, list, path).map((entry, k) => {
    const at = [...path, k];
    let source: string;
    let gap = DEFAULT_GAP;
    if (typeof entry === "string") source = entry;
    else {
      const obj = asObject(y, entry, at);
      rejectUnknownKeys(y, obj, ["phrase", "gap", "note"], at);
      source = asString(y, obj.phrase, [...at, "phrase"]);
      if (obj.gap !== undefined) gap = asNumber(y, obj.gap, [...at, "gap"], 0, 6);
    }
    return term(y, source, gap, at, t);
  });
}

function term(y: YamlFile, source: string, gap: number, at: Path, t: ListTag): Term<ListTag> {
  try {
    return { phrase: compilePhrase(source, gap), tag: t, weight: 1, origin: `${y.file}:${y.lineOf(at) ?? "?"}` };
  } catch (e) {
    throw y.error(at, (e as Error).message);
  }
}

function root(src: { file: string; text: string }, keys: string[]): { y: YamlFile; r: Record<string, unknown> } {
  const y = YamlFile.parse(src.text, src.file);
  const r = asObject(y, y.value(), []);
  rejectUnknownKeys(y, r, keys, []);
  return { y, r };
}

/** An entry's `match` (a phrase, or a list of phrases), with its `gap`. */
function matchOf(y: YamlFile, obj: Record<string, unknown>, at: Path, t: ListTag): Term<ListTag>[] {
  const gap = obj.gap === undefined ? DEFAULT_GAP : asNumber(y, obj.gap, [...at, "gap"], 0, 6);
  const list = Array.isArray(obj.match) ? obj.match : [obj.match];
  if (list.length === 0) throw y.error([...at, "match"], "expected a phrase or a list of phrases");
  return list.map((m, k) => {
    const where = Array.isArray(obj.match) ? [...at, "match", k] : [...at, "match"];
    return term(y, asString(y, m, where), gap, where, t);
  });
}

export function compileGendered(src: { file: string; text: string }): GenderedKnowledge {
  const { y, r } = root(src, ["balance", "coded", "not_traits", "candidate_cues", "terms"]);
  const balance = asObject(y, r.balance, ["balance"]);
  rejectUnknownKeys(y, balance, ["min_words", "lean"], ["balance"]);
  const coded = asObject(y, r.coded, ["coded"]);
  rejectUnknownKeys(y, coded, ["masculine", "feminine"], ["coded"]);
  const all: Term<ListTag>[] = [
    ...phrases(y, coded.masculine, ["coded", "masculine"], tag("masculine")),
    ...phrases(y, coded.feminine, ["coded", "feminine"], tag("feminine")),
    ...phrases(y, r.not_traits, ["not_traits"], tag("not_trait")),
    ...phrases(y, r.candidate_cues, ["candidate_cues"], tag("candidate")),
  ];
  const terms = asArray(y, r.terms, ["terms"]).map((entry, i): GenderedTerm => {
    const at = ["terms", i];
    const obj = asObject(y, entry, at);
    rejectUnknownKeys(y, obj, ["match", "gap", "neutral", "pronoun", "note"], at);
    all.push(...matchOf(y, obj, at, tag("term", i)));
    if (obj.pronoun !== undefined && typeof obj.pronoun !== "boolean") throw y.error([...at, "pronoun"], "expected true or false");
    return { neutral: asString(y, obj.neutral, [...at, "neutral"]), pronoun: obj.pronoun === true };
  });
  return {
    ...splitSets(all, ["not_trait", "candidate"]),
    minWords: asNumber(y, balance.min_words, ["balance", "min_words"], 1, 100),
    lean: asNumber(y, balance.lean, ["balance", "lean"], 0.5, 1),
    terms,
  };
}

/** `entries: [{match, gap?, kind?, group?, reason, rewrite, unless?, unless_legal_basis?}]`, into `all`. */
function entries(y: YamlFile, list: unknown, all: Term<ListTag>[], needs: "kind" | "group"): LanguageEntry[] {
  return asArray(y, list, ["entries"]).map((entry, i): LanguageEntry => {
    const at = ["entries", i];
    const obj = asObject(y, entry, at);
    rejectUnknownKeys(y, obj, ["match", "gap", "kind", "group", "reason", "rewrite", "unless", "unless_legal_basis", "entry_level_only", "note"], at);
    all.push(...matchOf(y, obj, at, tag("entry", i)));
    if (obj.unless !== undefined) all.push(...phrases(y, obj.unless, [...at, "unless"], tag("unless", i)));
    for (const key of ["unless_legal_basis", "entry_level_only"])
      if (obj[key] !== undefined && typeof obj[key] !== "boolean") throw y.error([...at, key], "expected true or false");
    return {
      kind: needs === "kind" ? asString(y, obj.kind, [...at, "kind"]) : "",
      group: needs === "group" ? asString(y, obj.group, [...at, "group"]) : "",
      reason: asString(y, obj.reason, [...at, "reason"]),
      rewrite: asString(y, obj.rewrite, [...at, "rewrite"]),
      unlessLegalBasis: obj.unless_legal_basis === true,
      hasUnless: obj.unless !== undefined,
      entryLevelOnly: obj.entry_level_only === true,
    };
  });
}

export function compileExclusionary(src: { file: string; text: string }): ExclusionaryKnowledge {
  const { y, r } = root(src, ["legal_basis", "entries", "age_limit"]);
  const all = phrases(y, r.legal_basis, ["legal_basis"], tag("legal"));
  const list = entries(y, r.entries, all, "kind");
  const age = asObject(y, r.age_limit, ["age_limit"]);
  rejectUnknownKeys(y, age, ["cues", "upper", "not_age", "window", "min_age", "max_age", "reason", "rewrite"], ["age_limit"]);
  all.push(...phrases(y, age.cues, ["age_limit", "cues"], tag("age_cue")), ...phrases(y, age.upper, ["age_limit", "upper"], tag("age_upper")));
  if (age.not_age !== undefined) all.push(...phrases(y, age.not_age, ["age_limit", "not_age"], tag("not_age")));
  return {
    ...splitSets(all, ["legal", "unless", "age_upper", "not_age"]),
    entries: list,
    ageLimit: {
      window: asNumber(y, age.window, ["age_limit", "window"], 1, 12),
      minAge: asNumber(y, age.min_age, ["age_limit", "min_age"], 0, 120),
      maxAge: asNumber(y, age.max_age, ["age_limit", "max_age"], 0, 120),
      reason: asString(y, age.reason, ["age_limit", "reason"]),
      rewrite: asString(y, age.rewrite, ["age_limit", "rewrite"]),
    },
  };
}

export function compileExpectations(src: { file: string; text: string }): ExpectationsKnowledge {
  const { y, r } = root(src, ["hollow_perks", "many_hats", "entries", "entry_level"]);
  const perks = asObject(y, r.hollow_perks, ["hollow_perks"]);
  rejectUnknownKeys(y, perks, ["perks", "perks_in_benefits", "substantive", "reason", "rewrite"], ["hollow_perks"]);
  const hats = asObject(y, r.many_hats, ["many_hats"]);
  rejectUnknownKeys(y, hats, ["cues", "roles", "lines_after", "min_roles", "reason", "rewrite"], ["many_hats"]);
  const entry = asObject(y, r.entry_level, ["entry_level"]);
  rejectUnknownKeys(y, entry, ["title_cues", "text_cues", "years", "experience", "asks", "window", "reason", "rewrite"], ["entry_level"]);
  const all: Term<ListTag>[] = [
    ...phrases(y, perks.perks, ["hollow_perks", "perks"], tag("perk")),
    ...phrases(y, perks.perks_in_benefits, ["hollow_perks", "perks_in_benefits"], tag("perk_in_benefits")),
    ...phrases(y, perks.substantive, ["hollow_perks", "substantive"], tag("substantive")),
    ...phrases(y, hats.cues, ["many_hats", "cues"], tag("hats")),
    // A role: the phrases that name one job ("designer", "graphic design").
    ...asArray(y, hats.roles, ["many_hats", "roles"]).flatMap((role, i) => phrases(y, Array.isArray(role) ? role : [role], ["many_hats", "roles", i], tag("role", i))),
    ...phrases(y, entry.title_cues, ["entry_level", "title_cues"], tag("entry_title")),
    ...phrases(y, entry.text_cues, ["entry_level", "text_cues"], tag("entry_text")),
    ...phrases(y, entry.years, ["entry_level", "years"], tag("years")),
    ...phrases(y, entry.experience, ["entry_level", "experience"], tag("experience")),
    ...phrases(y, entry.asks, ["entry_level", "asks"], tag("asks")),
  ];
  const list = entries(y, r.entries, all, "group");
  return {
    ...splitSets(all, ["substantive", "role", "unless", "years", "experience", "asks"]),
    perks: { reason: asString(y, perks.reason, ["hollow_perks", "reason"]), rewrite: asString(y, perks.rewrite, ["hollow_perks", "rewrite"]) },
    hats: {
      linesAfter: asNumber(y, hats.lines_after, ["many_hats", "lines_after"], 0, 10),
      minRoles: asNumber(y, hats.min_roles, ["many_hats", "min_roles"], 2, 10),
      reason: asString(y, hats.reason, ["many_hats", "reason"]),
      rewrite: asString(y, hats.rewrite, ["many_hats", "rewrite"]),
    },
    entries: list,
    entryLevel: {
      window: asNumber(y, entry.window, ["entry_level", "window"], 1, 12),
      reason: asString(y, entry.reason, ["entry_level", "reason"]),
      rewrite: asString(y, entry.rewrite, ["entry_level", "rewrite"]),
    },
  };
}

export function compilePay(src: { file: string; text: string }): PayKnowledge {
  const { y, r } = root(src, ["currencies", "periods", "pay_words", "not_pay", "basis", "jurisdictions", "location_cues"]);
  const all: Term<ListTag>[] = [];
  const symbols: PayKnowledge["symbols"] = [];
  for (const [code, body] of Object.entries(asObject(y, r.currencies, ["currencies"]))) {
    const at = ["currencies", code];
    if (!/^[A-Z]{3}$/.test(code)) throw y.error(at, `currency "${code}" is not a three-letter ISO 4217 code`);
    const c = asObject(y, body, at);
    rejectUnknownKeys(y, c, ["symbols", "words"], at);
    if (c.symbols !== undefined) asArray(y, c.symbols, [...at, "symbols"]).forEach((s, i) => symbols.push({ symbol: asString(y, s, [...at, "symbols", i]), code }));
    all.push(...phrases(y, c.words, [...at, "words"], tag("currency", -1, code)));
  }
  symbols.sort((a, b) => b.symbol.length - a.symbol.length);
  const periods = asObject(y, r.periods, ["periods"]);
  for (const [period, list] of Object.entries(periods)) {
    if (!(PERIODS as readonly string[]).includes(period)) throw y.error(["periods", period], `unknown period "${period}" (periods: ${PERIODS.join(", ")})`);
    all.push(...phrases(y, list, ["periods", period], tag("period", -1, period)));
  }
  const payWords = asObject(y, r.pay_words, ["pay_words"]);
  rejectUnknownKeys(y, payWords, ["yearly_from", "terms"], ["pay_words"]);
  all.push(...phrases(y, payWords.terms, ["pay_words", "terms"], tag("pay_word")));
  all.push(...phrases(y, r.not_pay, ["not_pay"], tag("not_pay")));
  const basis = asObject(y, r.basis, ["basis"]);
  for (const [kind, list] of Object.entries(basis)) {
    if (!(PAY_BASES as readonly string[]).includes(kind)) throw y.error(["basis", kind], `unknown basis "${kind}" (${PAY_BASES.join(", ")})`);
    all.push(...phrases(y, list, ["basis", kind], tag("basis", -1, kind)));
  }
  const jurisdictions: Jurisdiction[] = [];
  for (const [code, body] of Object.entries(asObject(y, r.jurisdictions, ["jurisdictions"]))) {
    const at = ["jurisdictions", code];
    const j = asObject(y, body, at);
    rejectUnknownKeys(y, j, ["label", "law", "places"], at);
    jurisdictions.push({ code, label: asString(y, j.label, [...at, "label"]), law: asString(y, j.law, [...at, "law"]) });
    all.push(...phrases(y, j.places, [...at, "places"], tag("place", -1, code)));
  }
  all.push(...phrases(y, r.location_cues, ["location_cues"], tag("location_cue")));
  return { ...splitSets(all, ["period", "pay_word", "not_pay", "place", "location_cue"]), symbols, yearlyFrom: asNumber(y, payWords.yearly_from, ["pay_words", "yearly_from"], 0, 1e7), jurisdictions };
}

/** The language files among a knowledge's sources; each is optional (a custom knowledge may leave any out). */
export interface LanguageSources {
  gendered?: { file: string; text: string };
  exclusionary?: { file: string; text: string };
  expectations?: { file: string; text: string };
  pay?: { file: string; text: string };
}

export interface LanguageKnowledge {
  gendered?: GenderedKnowledge;
  exclusionary?: ExclusionaryKnowledge;
  expectations?: ExpectationsKnowledge;
  pay?: PayKnowledge;
}

/** The language sources given, in a fixed order (for the snapshot). */
export function languageSourceList(s: LanguageSources): Array<{ file: string; text: string }> {
  return [s.gendered, s.exclusionary, s.expectations, s.pay].filter((x): x is { file: string; text: string } => x !== undefined);
}

export function compileLanguage(s: LanguageSources): LanguageKnowledge {
  return {
    ...(s.gendered ? { gendered: compileGendered(s.gendered) } : {}),
    ...(s.exclusionary ? { exclusionary: compileExclusionary(s.exclusionary) } : {}),
    ...(s.expectations ? { expectations: compileExpectations(s.expectations) } : {}),
    ...(s.pay ? { pay: compilePay(s.pay) } : {}),
  };
}


/** The sets read on every line, matched with the judge's in one pass over each sentence (not the context sets). */
export function languageSets(k: LanguageKnowledge | undefined): TermSet<ListTag>[] {
  if (!k) return [];
  return [k.gendered?.set, k.exclusionary?.set, k.expectations?.set, k.pay?.set].filter((x): x is TermSet<ListTag> => x !== undefined);
}
