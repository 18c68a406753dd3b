import type { PostingDocument, Sentence } from "../model/document.js";
import type { Span } from "../model/span.js";
import { FAMILIES, type Family, type FamilyTag, type Knowledge } from "../lexicon/knowledge.js";
import type { Match } from "../lexicon/termset.js";
import { tokenizeAll, type Token } from "../text/tokenize.js";
import { isFamilyClass, readLine, reasonWords } from "./line-model.js";
import { findQuotas, type ActivityQuota } from "./quotas.js";
import type { Thresholds } from "./thresholds.js";

/** What one sentence says about the job. */
export interface SentenceEvidence {
  index: number;
  sentence: Sentence;
  /** Raw phrase weights per family, negated matches left out. */
  scores: Record<Family, number>;
  /** The family this line speaks for, when one clearly leads. */
  family: Family | null;
  /** The line's weight toward the verdict: its capped score times its section's weight. */
  weight: number;
  matches: Match<FamilyTag>[];
  negated: Match<FamilyTag>[];
  /** What the duty-line model reads the line as, when it speaks for a function: the reason, in its words. */
  model?: ModelEvidence;
}

export interface ModelEvidence {
  family: Family;
  probability: number;
  /** The stems (or stem pairs) that weighed most for that function. */
  readonly words: string[];
}

export interface Analysis {
  lines: SentenceEvidence[];
  /** Weighted evidence per family, from the lines each family leads. */
  totals: Record<Family, number>;
  /** Weighted evidence per `family.subfunction`. */
  subfunctions: Record<string, number>;
  quotas: ActivityQuota[];
  /** Weighted signals of senior work (people, budget, strategy) and of entry-level work. */
  leadership: number;
  entry: number;
  /** Sentences outside the company profile: the lines that could describe the job. */
  jobLines: number;
  /** Weighted evidence of work outside the three functions (mailroom, software, nursing...). */
  otherWork: number;
  /** Lines whose strongest evidence is such other work. */
  otherWorkLines: number;
  /** Weighted direct-sales recruiting pitch ("promote from within", "uncapped earnings"), title included. */
  pitch: number;
  /** The sentences that carry it, by index. */
  pitchSentences: number[];
}

/** How many tokens before a phrase its owner may stand ("their own digital marketing"). */
const OWNER_REACH = 2;
const PITCH_TAG: FamilyTag = { family: "sales", subfunction: "field" };
/**
 * Work aimed at one person at a time. It says the work is selling, not which kind (field, phone, retail), so
 * it leaves the specialisations that retitles follow to the lexicons' phrases.
 */
export const ONE_TO_ONE: FamilyTag = { family: "sales", subfunction: "one_to_one" };

export function zeroScores(): Record<Family, number> {
  return { marketing: 0, sales: 0, customer_service: 0 };
}

/** True when a negation cue ("no", "not", "without") governs the match: before it, in the same clause. */
export function isNegated(knowledge: Knowledge, tokens: Token[], first: number): boolean {
  const { cues, window } = knowledge.negation;
  // The clause holding the match starts at the nearest token with punctuation before it.
  let from = first;
  while (from > 0 && first - from < window && !tokens[from]!.clauseBreak) from--;
  return from < first && within(cues.matchAll(tokens), from, first);
}

/** The functions a sentence says the job works with ("partner with Marketing", "support the sales team"). */
export function collaboratingWith(knowledge: Knowledge, tokens: Token[]): Set<Family> {
  const { cues, names, window } = knowledge.collaboration;
  const found = new Set<Family>();
  const cueEnds = cues.matchAll(tokens).map((m) => m.last);
  if (cueEnds.length === 0) return found;
  for (const n of names.matchAll(tokens)) {
    if (cueEnds.some((end) => n.first > end && n.first - end <= window)) found.add(n.term.tag);
  }
  return found;
}

/** "their digital marketing", "clients' brand": the words describe the customer's function, not the job's. */
function ownedByOthers(knowledge: Knowledge, tokens: Token[], first: number): boolean {
  const from = Math.max(0, first - OWNER_REACH);
  return from < first && within(knowledge.collaboration.owners.matchAll(tokens), from, first);
}

/** True when a match lies wholly in tokens [from, to): as if the phrases were matched in that slice alone. */
function within(matches: readonly Match<unknown>[], from: number, to: number): boolean {
  for (const m of matches) if (m.first >= from && m.last < to) return true;
  return false;
}

/** True when the line's subject is the employer ("Our firm...", "We are a..."): it describes the company, not the job. */
export function describesEmployer(knowledge: Knowledge, tokens: Token[]): boolean {
  const { subjects, reach, fronted } = knowledge.employer;
  const found = subjects.matchAll(tokens);
  if (found.length === 0) return false;
  for (const m of found) if (m.first < reach) return true;
  // A clause put before the subject ("By serving the largest retailers, this firm..."): the subject starts the next clause.
  if (!fronted.matchAll(tokens).some((m) => m.first === 0)) return false;
  let next = 1;
  while (next < tokens.length && !tokens[next]!.clauseBreak) next++;
  for (const m of found) if (m.first >= next && m.first < next + reach) return true;
  return false;
}

/**
 * The tokens of a line that name a function rather than do its work: a trade or a team ("sales and marketing
 * firm", "our marketing team": a run of function words, maybe joined by "and", right before a role word), or
 * a person's interest or background ("a passion for marketing", "a degree in sales": right after a `before`
 * word). signals.yaml's labels.
 */
export function labelTokens(knowledge: Knowledge, tokens: Token[]): Set<number> | null {
  const { functions, joiners, roles, before } = knowledge.labels;
  const roleAt = roles.matchAll(tokens);
  const beforeAt = before.matchAll(tokens);
  if (roleAt.length === 0 && beforeAt.length === 0) return null;
  const functionEnds = new Map<number, number>();
  const functionStarts = new Map<number, number>();
  for (const m of functions.matchAll(tokens)) {
    functionEnds.set(m.last, m.first);
    functionStarts.set(m.first, m.last);
  }
  if (functionEnds.size === 0) return null;
  const joinerAt = new Set(joiners.matchAll(tokens).map((m) => m.first));
  let labelled: Set<number> | null = null;
  const mark = (from: number, to: number) => {
    labelled ??= new Set();
    for (let i = from; i <= to; i++) labelled.add(i);
  };
  for (const role of roleAt) {
    let start = role.first;
    // Walk back over function words, and over a joiner that has a function word before it.
    for (let i = role.first - 1; i >= 0; ) {
      if (tokens[i + 1]!.clauseBreak && i + 1 !== role.first) break;
      const first = functionEnds.get(i);
      if (first !== undefined) {
        start = first;
        i = first - 1;
      } else if (joinerAt.has(i) && functionEnds.has(i - 1) && start === i + 1 && start < role.first) i--;
      else break;
    }
    if (start < role.first) mark(start, role.last);
  }
  for (const cue of beforeAt) {
    let end = cue.last;
    // Walk on over function words, and over a joiner that has a function word after it.
    for (let i = cue.last + 1; i < tokens.length && !tokens[i]!.clauseBreak; ) {
      const last = functionStarts.get(i);
      if (last !== undefined) {
        end = last;
        i = last + 1;
      } else if (joinerAt.has(i) && functionStarts.has(i + 1) && end === i - 1 && end > cue.last) i++;
      else break;
    }
    if (end > cue.last) mark(cue.last + 1, end);
  }
  return labelled;
}

/** The phrases that aim a line at one person at a time, none of them negated; none when it names a one-to-many channel. */
export function oneToOneWork(knowledge: Knowledge, tokens: Token[]): Match<string>[] {
  const { oneToOne, oneToMany } = knowledge.audience;
  const found = oneToOne.matchAll(tokens).filter((m) => !isNegated(knowledge, tokens, m.first));
  return found.length > 0 && oneToMany.matchAll(tokens).length === 0 ? found : [];
}

function isLabel(labelled: Set<number>, m: { first: number; last: number }): boolean {
  for (let i = m.first; i <= m.last; i++) if (!labelled.has(i)) return false;
  return true;
}

/** Whitespace other than single spaces: only then does a sentence's key need its spacing made even. */
const MAY_NEED_SPACING = /[^\S ]| {2}/;

/** The family with the highest score (the first of them on a tie), and whether no other family has as much. */
function leader(scores: Record<Family, number>): { top: Family; unique: boolean } {
  let top: Family = FAMILIES[0];
  let unique = true;
  for (const f of FAMILIES) {
    if (f === top) continue;
    if (scores[f] > scores[top]) {
      top = f;
      unique = true;
    } else if (scores[f] === scores[top]) unique = false;
  }
  return { top, unique };
}

/** The span of document text that tokens cover, for the tokens of a sentence starting at `base`. */
export function tokenSpan(tokens: Token[], first: number, last: number, base: number): Span {
  return { start: base + tokens[first]!.start, end: base + tokens[last]!.end };
}

/**
 * What the duty-line model says of a line, when it reads it as marketing or selling clearly enough. Its
 * customer-service class is learned from a few dozen task statements, too few to speak for a line.
 */
function modelEvidence(knowledge: Knowledge, tokens: Token[], t: Thresholds): ModelEvidence | undefined {
  const reading = readLine(knowledge.dutyModel!, tokens);
  if (!reading || !isFamilyClass(reading.top) || reading.top === "customer_service" || reading.p[reading.top] < t.modelMinProbability) return undefined;
  const model = knowledge.dutyModel!;
  let words: string[] | undefined;
  return {
    family: reading.top,
    probability: Math.round(reading.p[reading.top] * 1000) / 1000,
    // Worked out when shown: most lines the model reads are never a posting's evidence.
    get words() {
      return (words ??= reasonWords(model, reading).map((f) => surfaceOf(tokens, f)));
    },
  };
}

/** A feature ("stem" or "stem stem") in the line's own words: a user reads "selling", not "sell". */
function surfaceOf(tokens: Token[], feature: string): string {
  const stems = feature.split(" ");
  for (let i = 0; i + stems.length <= tokens.length; i++) {
    if (stems.every((s, j) => (s === "#" ? tokens[i + j]!.number !== null : tokens[i + j]!.stem === s))) {
      return tokens.slice(i, i + stems.length).map((t) => t.word).join(" ");
    }
  }
  return feature;
}

/** Reads every sentence against the lexicons: the evidence behind the verdict. */
export function analyse(doc: PostingDocument, knowledge: Knowledge, t: Thresholds): Analysis {
  const lines: SentenceEvidence[] = [];
  const totals = zeroScores();
  const subfunctions: Record<string, number> = {};
  const quotas: ActivityQuota[] = [];
  let leadership = 0;
  let entry = 0;
  let jobLines = 0;
  let otherWork = 0;
  let otherWorkLines = 0;
  const tokenised = tokenizeAll(doc.sentences);
  // A direct-sales recruiting pitch, when strong enough, is itself evidence that the job is selling. A repeated
  // paragraph says it once.
  const pitchSeen = new Set<string>();
  const pitchMatches = tokenised.map((tokens, i) => {
    const sentence = doc.sentences[i]!;
    if (doc.sections[sentence.section]?.kind === "company" || pitchSeen.has(sentence.text)) return [];
    pitchSeen.add(sentence.text);
    return knowledge.pitch.terms.matchBest(tokens).filter((m) => !isNegated(knowledge, tokens, m.first));
  });
  const pitchSentences = pitchMatches.flatMap((ms, i) => (ms.length > 0 ? [i] : []));
  // The title carries the pitch as often as the body does ("Entry Level Marketing, No Experience Needed").
  const titlePitch = doc.title ? knowledge.pitch.terms.matchBest(tokenizeAll([{ text: doc.title }])[0]!) : [];
  const pitch = [titlePitch, ...pitchMatches].reduce((sum, ms) => sum + ms.reduce((s2, m) => s2 + m.term.weight, 0), 0);
  const pitchCounts = pitch >= knowledge.pitch.threshold;
  const seen = new Set<string>();
  doc.sentences.forEach((sentence, index) => {
    // Boards often repeat a paragraph; a repeated sentence is no new evidence.
    const lower = sentence.text.toLowerCase();
    const key = MAY_NEED_SPACING.test(lower) ? lower.replace(/\s+/g, " ") : lower;
    if (seen.has(key)) return;
    seen.add(key);
    const tokens = tokenised[index]!;
    if (tokens.length === 0) return;
    const section = doc.sections[sentence.section]?.kind ?? "other";
    // A line about the employer counts as the company profile does, wherever it stands.
    const kind = section !== "company" && describesEmployer(knowledge, tokens) ? "company" : section;
    const sectionWeight = knowledge.sections.weights[kind];
    if (kind !== "company") jobLines++;
    const scores = zeroScores();
    const matches: Match<FamilyTag>[] = [];
    const negated: Match<FamilyTag>[] = [];
    if (pitchCounts) {
      for (const m of pitchMatches[index]!) {
        matches.push({ term: { ...m.term, tag: PITCH_TAG }, first: m.first, last: m.last });
        scores.sales += m.term.weight * knowledge.pitch.weight;
      }
    }
    const partners = collaboratingWith(knowledge, tokens);
    // Work aimed at one person at a time: selling, and the line's marketing words describe what is sold.
    const oneToOne = kind === "company" ? [] : oneToOneWork(knowledge, tokens);
    if (oneToOne.length > 0) {
      for (const m of oneToOne) matches.push({ term: { ...m.term, tag: ONE_TO_ONE }, first: m.first, last: m.last });
      scores.sales += knowledge.audience.weight;
    }
    const labelled = labelTokens(knowledge, tokens);
    for (const m of knowledge.families.matchBest(tokens, (tag) => tag.family)) {
      // A function named as a trade is not its work.
      if (labelled && isLabel(labelled, m)) continue;
      if (isNegated(knowledge, tokens, m.first)) negated.push(m);
      else {
        matches.push(m);
        const f = m.term.tag.family;
        const elsewhere = partners.has(f) || ownedByOthers(knowledge, tokens, m.first);
        const aimed = f === "marketing" && oneToOne.length > 0 ? knowledge.audience.discount : 1;
        scores[f] += m.term.weight * (elsewhere ? knowledge.collaboration.discount : 1) * aimed;
      }
    }
    for (const m of knowledge.dutySeniority.matchBest(tokens)) {
      if (isNegated(knowledge, tokens, m.first) && m.term.tag === "leadership") continue;
      if (m.term.tag === "leadership") leadership += m.term.weight * sectionWeight;
      else entry += m.term.weight * sectionWeight;
    }
    if (kind !== "company") quotas.push(...findQuotas(knowledge, tokens, sentence.span.start).filter((q) => !isNegated(knowledge, tokens, q.firstToken)));
    let other = 0;
    if (kind !== "company") {
      for (const m of knowledge.otherWork.matchBest(tokens, () => "other")) {
        if (!isNegated(knowledge, tokens, m.first)) other += m.term.weight;
      }
    }
    const model = kind !== "company" && knowledge.dutyModel && t.modelWeight > 0 ? modelEvidence(knowledge, tokens, t) : undefined;
    if (model) scores[model.family] += t.modelWeight * model.probability;
    const { top, unique } = leader(scores);
    const leads = scores[top] >= t.minLineScore && unique;
    const family = leads ? top : null;
    const weight = leads ? Math.min(scores[top], t.lineScoreCap) * sectionWeight : 0;
    if (other >= t.minLineScore && other > scores[top]) {
      otherWork += Math.min(other, t.lineScoreCap) * sectionWeight;
      otherWorkLines++;
    }
    if (family) {
      totals[family] += weight;
      for (const m of matches) {
        if (m.term.tag.family !== family || m.term.tag === ONE_TO_ONE) continue;
        const key = `${family}.${m.term.tag.subfunction}`;
        subfunctions[key] = (subfunctions[key] ?? 0) + m.term.weight * sectionWeight;
      }
    }
    if (matches.length || negated.length || model) lines.push({ index, sentence, scores, family, weight, matches, negated, ...(model ? { model } : {}) });
  });
  return { lines, totals, subfunctions, quotas, leadership, entry, jobLines, otherWork, otherWorkLines, pitch, pitchSentences };
}
