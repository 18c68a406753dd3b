import type { SectionKind } from "../model/document.js";
import { SECTION_KINDS } from "../model/document.js";
import { DataError } from "../data/errors.js";
import { asArray, asNumber, asObject, asString, rejectUnknownKeys, YamlFile } from "../data/yaml-file.js";
import { compilePhrase, DEFAULT_GAP } from "./phrase.js";
import { TermSet, type Term } from "./termset.js";
import { MODEL_CLASSES, type LineModel, type ModelClass } from "../judge/line-model.js";
import { compileLanguage, languageSets, type LanguageKnowledge, type LanguageSources } from "./language.js";

export const FAMILIES = ["marketing", "sales", "customer_service"] as const;
export type Family = (typeof FAMILIES)[number];
/** What a title or a set of duties is: one family, marketing and sales both (hybrid), none, or too little text. */
export type JobFamily = Family | "hybrid" | "other" | "unknown";

export interface FamilyTag {
  family: Family;
  subfunction: string;
}

export interface TitleRule {
  term: Term<string>;
  /** `other` rules claim words that must not read as a function ("Product Manager", "Sales Operations"). */
  family: Family | "other";
  specialisation: string | null;
  ambiguous: string | null;
}

/** family -> specialisation -> seniority level -> titles */
export type Taxonomy = Record<string, Record<string, Record<string, string[]>>>;

/** Everything jdlint knows, compiled from the YAML under rules/ (and any a config adds). */
export interface Knowledge {
  families: TermSet<FamilyTag>;
  /** Work outside marketing, sales and customer service, by area: evidence that a job is something else. */
  otherWork: TermSet<string>;
  subfunctionLabels: Record<string, string>;
  negation: { cues: TermSet<string>; window: number };
  quotas: { window: number; activities: TermSet<string>; periods: TermSet<string> };
  dutySeniority: TermSet<"leadership" | "entry">;
  /** "Partner with marketing on campaigns": cues, and the names by which a sentence refers to each function. */
  collaboration: { cues: TermSet<string>; owners: TermSet<string>; names: TermSet<Family>; window: number; discount: number };
  /**
   * Words that make a line's subject the employer, among its first `reach` tokens (or those of its second clause
   * when it starts with a `fronted` word): a line about the company.
   */
  employer: { subjects: TermSet<string>; reach: number; fronted: TermSet<string> };
  /** A function named as a trade, a team or someone's interest ("a sales and marketing firm", "our sales team", "a passion for marketing"): a label, not work. */
  labels: { functions: TermSet<string>; joiners: TermSet<string>; roles: TermSet<string>; before: TermSet<string> };
  /** Work aimed at one person at a time (sales evidence, marketing words discounted), unless a one-to-many channel is named. */
  audience: { oneToOne: TermSet<string>; oneToMany: TermSet<string>; weight: number; discount: number };
  /** The recruiting pitch of direct-sales firms; counts as sales evidence past its threshold. */
  pitch: { terms: TermSet<string>; threshold: number; weight: number };
  sections: { headings: TermSet<SectionKind>; weights: Record<SectionKind, number> };
  titles: { classify: TitleRule[]; taxonomy: Taxonomy };
  seniority: { levels: string[]; fallback: string; words: TermSet<string>; overrides: TermSet<string> };
  /** Named phrase groups that rules look for (rules/lexicons/rule-signals.yaml); a term's tag is its group id. */
  ruleSignals?: Record<string, TermSet<string>>;
  /** The duty-line model (rules/models/duty-lines.yaml), learned from occupations' task statements. */
  dutyModel?: LineModel;
  /** Wording and pay (rules/lexicons/gendered, exclusionary, expectations and pay.yaml), each when given. */
  language?: LanguageKnowledge;
}

export interface SourceFile {
  file: string;
  text: string;
}

export interface KnowledgeSources extends LanguageSources {
  lexicons: SourceFile[];
  otherWork: SourceFile;
  signals: SourceFile;
  sections: SourceFile;
  titles: SourceFile;
  seniority: SourceFile;
  /** rules/lexicons/rule-signals.yaml; optional. */
  ruleSignals?: SourceFile;
  /** rules/models/duty-lines.yaml; optional. */
  dutyModel?: SourceFile;
}

type Path = (string | number)[];

/** A `{match, gap?}` entry as a phrase entry. */
function withGap(obj: Record<string, unknown>): unknown {
  return obj.gap === undefined ? obj.match : { phrase: obj.match, gap: obj.gap };
}

/** Reads a list of phrases: plain strings, or {phrase, weight?, gap?}. */
function readTerms<Tag>(y: YamlFile, list: unknown, path: Path, tag: Tag): Term<Tag>[] {
  return asArray(y, list, path).map((entry, i) => {
    const at = [...path, i];
    let source: string;
    let weight = 1;
    let gap = DEFAULT_GAP;
    if (typeof entry === "string") source = entry;
    else {
      const obj = asObject(y, entry, at);
      rejectUnknownKeys(y, obj, ["phrase", "weight", "gap", "note"], at);
      source = asString(y, obj.phrase, [...at, "phrase"]);
      if (obj.weight !== undefined) weight = asNumber(y, obj.weight, [...at, "weight"], 0, 10);
      if (obj.gap !== undefined) gap = asNumber(y, obj.gap, [...at, "gap"], 0, 6);
    }
    try {
      return { phrase: compilePhrase(source, gap), tag, weight, origin: `${y.file}:${y.lineOf(at) ?? "?"}` };
    } catch (e) {
      throw y.error(at, (e as Error).message);
    }
  });
}

function compileLexicon(src: SourceFile, labels: Record<string, string>): Term<FamilyTag>[] {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["family", "description", "sources", "subfunctions"], []);
  const family = asString(y, root.family, ["family"]);
  if (!(FAMILIES as readonly string[]).includes(family)) throw y.error(["family"], `family must be one of ${FAMILIES.join(", ")}`);
  const subs = asObject(y, root.subfunctions, ["subfunctions"]);
  const terms: Term<FamilyTag>[] = [];
  for (const [id, body] of Object.entries(subs)) {
    const path = ["subfunctions", id];
    const sub = asObject(y, body, path);
    rejectUnknownKeys(y, sub, ["label", "description", "terms"], path);
    labels[`${family}.${id}`] = typeof sub.label === "string" ? sub.label : id;
    terms.push(...readTerms(y, sub.terms, [...path, "terms"], { family: family as Family, subfunction: id }));
  }
  return terms;
}

function compileOtherWork(src: SourceFile): TermSet<string> {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["description", "areas"], []);
  const terms: Term<string>[] = [];
  for (const [id, body] of Object.entries(asObject(y, root.areas, ["areas"]))) {
    const area = asObject(y, body, ["areas", id]);
    rejectUnknownKeys(y, area, ["label", "terms"], ["areas", id]);
    terms.push(...readTerms(y, area.terms, ["areas", id, "terms"], id));
  }
  return new TermSet(terms);
}

function compileSignals(src: SourceFile): Pick<Knowledge, "negation" | "quotas" | "dutySeniority" | "pitch" | "collaboration" | "employer" | "labels" | "audience"> {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["negation", "quotas", "seniority", "direct_sales_pitch", "collaboration", "employer", "labels", "audience"], []);
  const labels = asObject(y, root.labels, ["labels"]);
  rejectUnknownKeys(y, labels, ["functions", "joiners", "roles", "before"], ["labels"]);
  const employer = asObject(y, root.employer, ["employer"]);
  rejectUnknownKeys(y, employer, ["reach", "subjects", "fronted"], ["employer"]);
  const audience = asObject(y, root.audience, ["audience"]);
  rejectUnknownKeys(y, audience, ["weight", "discount", "one_to_one", "one_to_many"], ["audience"]);
  const neg = asObject(y, root.negation, ["negation"]);
  const quotas = asObject(y, root.quotas, ["quotas"]);
  const named = (key: "activities" | "periods") =>
    Object.entries(asObject(y, quotas[key], ["quotas", key])).flatMap(([id, phrase]) =>
      readTerms(y, [phrase], ["quotas", key, id], id),
    );
  const sen = asObject(y, root.seniority, ["seniority"]);
  const pitch = asObject(y, root.direct_sales_pitch, ["direct_sales_pitch"]);
  rejectUnknownKeys(y, pitch, ["threshold", "weight", "terms"], ["direct_sales_pitch"]);
  const collab = asObject(y, root.collaboration, ["collaboration"]);
  rejectUnknownKeys(y, collab, ["discount", "window", "cues", "owners", "names"], ["collaboration"]);
  const names = asObject(y, collab.names, ["collaboration", "names"]);
  for (const f of Object.keys(names)) {
    if (!(FAMILIES as readonly string[]).includes(f)) throw y.error(["collaboration", "names", f], `unknown family "${f}"`);
  }
  return {
    employer: {
      subjects: new TermSet(readTerms(y, employer.subjects, ["employer", "subjects"], "employer")),
      reach: asNumber(y, employer.reach, ["employer", "reach"], 0, 12),
      fronted: new TermSet(employer.fronted === undefined ? [] : readTerms(y, employer.fronted, ["employer", "fronted"], "fronted")),
    },
    labels: {
      functions: new TermSet(readTerms(y, labels.functions, ["labels", "functions"], "function")),
      joiners: new TermSet(readTerms(y, labels.joiners, ["labels", "joiners"], "joiner")),
      roles: new TermSet(readTerms(y, labels.roles, ["labels", "roles"], "role")),
      before: new TermSet(labels.before === undefined ? [] : readTerms(y, labels.before, ["labels", "before"], "before")),
    },
    audience: {
      oneToOne: new TermSet(readTerms(y, audience.one_to_one, ["audience", "one_to_one"], "one_to_one")),
      oneToMany: new TermSet(readTerms(y, audience.one_to_many, ["audience", "one_to_many"], "one_to_many")),
      weight: asNumber(y, audience.weight, ["audience", "weight"], 0, 10),
      discount: asNumber(y, audience.discount, ["audience", "discount"], 0, 1),
    },
    collaboration: {
      cues: new TermSet(readTerms(y, collab.cues, ["collaboration", "cues"], "cue")),
      owners: new TermSet(readTerms(y, collab.owners, ["collaboration", "owners"], "owner")),
      names: new TermSet(Object.entries(names).flatMap(([f, phrase]) => readTerms(y, [phrase], ["collaboration", "names", f], f as Family))),
      window: asNumber(y, collab.window, ["collaboration", "window"], 0, 12),
      discount: asNumber(y, collab.discount, ["collaboration", "discount"], 0, 1),
    },
    pitch: {
      terms: new TermSet(readTerms(y, pitch.terms, ["direct_sales_pitch", "terms"], "pitch")),
      threshold: asNumber(y, pitch.threshold, ["direct_sales_pitch", "threshold"], 0, 100),
      weight: asNumber(y, pitch.weight, ["direct_sales_pitch", "weight"], 0, 10),
    },
    negation: {
      cues: new TermSet(readTerms(y, neg.cues, ["negation", "cues"], "negation")),
      window: asNumber(y, neg.window, ["negation", "window"], 0, 12),
    },
    quotas: {
      window: asNumber(y, quotas.window, ["quotas", "window"], 1, 12),
      activities: new TermSet(named("activities")),
      periods: new TermSet(named("periods")),
    },
    dutySeniority: new TermSet([
      ...readTerms(y, sen.leadership, ["seniority", "leadership"], "leadership" as const),
      ...readTerms(y, sen.entry, ["seniority", "entry"], "entry" as const),
    ]),
  };
}

function compileSections(src: SourceFile): Knowledge["sections"] {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["weights", "headings"], []);
  const weightsIn = asObject(y, root.weights, ["weights"]);
  const weights = {} as Record<SectionKind, number>;
  for (const kind of SECTION_KINDS) weights[kind] = asNumber(y, weightsIn[kind], ["weights", kind], 0, 1);
  const headingsIn = asObject(y, root.headings, ["headings"]);
  const terms: Term<SectionKind>[] = [];
  for (const [kind, list] of Object.entries(headingsIn)) {
    if (!(SECTION_KINDS as readonly string[]).includes(kind)) throw y.error(["headings", kind], `unknown section kind "${kind}"`);
    terms.push(...readTerms(y, list, ["headings", kind], kind as SectionKind));
  }
  return { headings: new TermSet(terms), weights };
}

function compileSeniority(src: SourceFile): Knowledge["seniority"] {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["levels", "default", "words", "overrides"], []);
  const levels = asArray(y, root.levels, ["levels"]).map((l, i) => asString(y, l, ["levels", i]));
  const fallback = asString(y, root.default, ["default"]);
  if (!levels.includes(fallback)) throw y.error(["default"], `default "${fallback}" is not one of the levels`);
  const leveled = (key: "words" | "overrides") =>
    asArray(y, root[key], [key]).flatMap((entry, i) => {
      const obj = asObject(y, entry, [key, i]);
      rejectUnknownKeys(y, obj, ["match", "gap", "level", "note"], [key, i]);
      const level = asString(y, obj.level, [key, i, "level"]);
      if (!levels.includes(level)) throw y.error([key, i, "level"], `unknown level "${level}" (levels: ${levels.join(", ")})`);
      return readTerms(y, [withGap(obj)], [key, i, "match"], level);
    });
  return { levels, fallback, words: new TermSet(leveled("words")), overrides: new TermSet(leveled("overrides")) };
}

function compileTitles(src: SourceFile, levels: string[]): Knowledge["titles"] {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["classify", "taxonomy"], []);
  const classify = asArray(y, root.classify, ["classify"]).map((entry, i): TitleRule => {
    const at = ["classify", i];
    const obj = asObject(y, entry, at);
    rejectUnknownKeys(y, obj, ["match", "gap", "family", "specialisation", "ambiguous", "note"], at);
    const family = asString(y, obj.family, [...at, "family"]);
    if (!(FAMILIES as readonly string[]).includes(family) && family !== "other")
      throw y.error([...at, "family"], `family must be one of ${FAMILIES.join(", ")}, other`);
    const [term] = readTerms(y, [withGap(obj)], [...at, "match"], family);
    return {
      term: term!,
      family: family as Family | "other",
      specialisation: obj.specialisation === undefined ? null : asString(y, obj.specialisation, [...at, "specialisation"]),
      ambiguous: obj.ambiguous === undefined ? null : asString(y, obj.ambiguous, [...at, "ambiguous"]),
    };
  });
  const taxonomy: Taxonomy = {};
  for (const [family, specs] of Object.entries(asObject(y, root.taxonomy, ["taxonomy"]))) {
    if (!(FAMILIES as readonly string[]).includes(family)) throw y.error(["taxonomy", family], `unknown family "${family}"`);
    taxonomy[family] = {};
    for (const [spec, byLevel] of Object.entries(asObject(y, specs, ["taxonomy", family]))) {
      const entry: Record<string, string[]> = {};
      for (const [level, titles] of Object.entries(asObject(y, byLevel, ["taxonomy", family, spec]))) {
        const at = ["taxonomy", family, spec, level];
        if (!levels.includes(level)) throw y.error(at, `unknown seniority level "${level}" (levels: ${levels.join(", ")})`);
        entry[level] = asArray(y, titles, at).map((t, i) => asString(y, t, [...at, i]));
      }
      taxonomy[family]![spec] = entry;
    }
  }
  return { classify, taxonomy };
}

/** `groups: {id: {description, terms}}` -> one TermSet per group, tagged with the group id. */
function compileRuleSignals(src: SourceFile): Record<string, TermSet<string>> {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["groups"], []);
  const groups: Record<string, TermSet<string>> = {};
  for (const [id, body] of Object.entries(asObject(y, root.groups, ["groups"]))) {
    const path = ["groups", id];
    const group = asObject(y, body, path);
    rejectUnknownKeys(y, group, ["description", "terms"], path);
    asString(y, group.description, [...path, "description"]);
    const terms = readTerms(y, group.terms, [...path, "terms"], id);
    if (terms.length === 0) throw y.error([...path, "terms"], `group "${id}" has no terms`);
    groups[id] = new TermSet(terms);
  }
  return groups;
}

/** `classes`, `bias` and `features: {name: [weight per class]}` -> a LineModel, every number checked. */
function compileDutyModel(src: SourceFile): LineModel {
  const y = YamlFile.parse(src.text, src.file);
  const root = asObject(y, y.value(), []);
  rejectUnknownKeys(y, root, ["classes", "sentences", "bias", "features"], []);
  const classes = asArray(y, root.classes, ["classes"]).map((c, i) => asString(y, c, ["classes", i]));
  if (classes.length !== MODEL_CLASSES.length || classes.some((c, i) => c !== MODEL_CLASSES[i]))
    throw y.error(["classes"], `classes must be [${MODEL_CLASSES.join(", ")}]`);
  const k = classes.length;
  const row = (value: unknown, at: Path): number[] => {
    const list = asArray(y, value, at);
    if (list.length !== k) throw y.error(at, `expected ${k} weights, one per class`);
    return list.map((w, i) => asNumber(y, w, [...at, i], -100, 100));
  };
  const bias = row(root.bias, ["bias"]);
  const features: string[] = [];
  const weights: number[] = [];
  for (const [name, value] of Object.entries(asObject(y, root.features, ["features"]))) {
    features.push(name);
    weights.push(...row(value, ["features", name]));
  }
  return { classes: classes as ModelClass[], bias, features, weights };
}

/** Compiles and validates all knowledge files. Throws a DataError naming the file and line of the first problem. */
export function compileKnowledge(sources: KnowledgeSources): Knowledge {
  const subfunctionLabels: Record<string, string> = {};
  const familyTerms = sources.lexicons.flatMap((src) => compileLexicon(src, subfunctionLabels));
  if (familyTerms.length === 0) throw new DataError(sources.lexicons[0]?.file ?? "lexicons", null, "no lexicon terms");
  const seniority = compileSeniority(sources.seniority);
  // Work aimed at one person at a time (signals.yaml's audience) is shown under this label.
  subfunctionLabels["sales.one_to_one"] = "One-to-one selling";
  return matchedTogether({
    families: new TermSet(familyTerms),
    otherWork: compileOtherWork(sources.otherWork),
    subfunctionLabels,
    ...compileSignals(sources.signals),
    sections: compileSections(sources.sections),
    titles: compileTitles(sources.titles, seniority.levels),
    seniority,
    ...(sources.ruleSignals ? { ruleSignals: compileRuleSignals(sources.ruleSignals) } : {}),
    ...(sources.dutyModel ? { dutyModel: compileDutyModel(sources.dutyModel) } : {}),
    language: compileLanguage(sources),
  });
}

/**
 * Groups the phrase sets read in the same places, so each place is read in one pass (TermSet.matchTogether):
 * those read on every sentence, and those read on titles.
 */
export function matchedTogether(k: Knowledge): Knowledge {
  TermSet.matchTogether([
    k.families,
    k.otherWork,
    k.negation.cues,
    k.quotas.activities,
    k.quotas.periods,
    k.dutySeniority,
    k.collaboration.cues,
    k.collaboration.owners,
    k.collaboration.names,
    k.pitch.terms,
    k.employer.subjects,
    k.employer.fronted,
    k.labels.functions,
    k.labels.joiners,
    k.labels.roles,
    k.labels.before,
    k.audience.oneToOne,
    k.audience.oneToMany,
    ...Object.values(k.ruleSignals ?? {}),
    ...languageSets(k.language),
  ]);
  TermSet.matchTogether([k.seniority.words, k.seniority.overrides]);
  return k;
}
