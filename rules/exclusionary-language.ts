import type { Rule } from "../src/engine/types.js";
import type { Span } from "../src/model/span.js";
import type { ListTag } from "../src/lexicon/language.js";
import type { Match } from "../src/lexicon/termset.js";
import { allLanguageLines, contextHas, contextOf, hitsIn, languageLines, wordsOf, type LanguageLine } from "./lib/language.js";
import { lineOf, listLines, stringList } from "./lib/signals.js";
import { tokenize, type Token } from "../src/text/tokenize.js";

const KINDS = ["culture", "age", "nationality", "gender", "appearance"];

/**
 * Culture and bias terms that candidates read as a warning sign ("rockstar", "work hard, play hard", "young and
 * dynamic", "native English speaker", an age limit): each with its reason and a rewrite.
 */
const rule: Rule = {
  meta: {
    id: "exclusionary-language",
    description: "Culture and bias terms candidates read as a warning sign (rockstar, work hard play hard, young and dynamic, age or nationality limits)",
    docs: "rules/docs/exclusionary-language.md",
    defaultSeverity: "warning",
    presets: ["inclusive", "strict"],
    topic: "language",
    messages: {
      term: '"{{words}}" ({{where}}): {{reason}}. Instead: {{rewrite}}.',
    },
    options: {
      kinds: {
        type: "array",
        items: { type: "string" },
        description: `Kinds of term to report (${KINDS.join(", ")})`,
        default: KINDS,
      },
    },
  },
  check(doc, ctx) {
    const ex = ctx.knowledge.language?.exclusionary;
    if (!ex) return;
    const kinds = stringList(ctx.options.kinds, KINDS);
    const lines = languageLines(doc, ctx.knowledge, ex.set, ex.context);
    // A legal basis anywhere in the job ("required for the security clearance", "Schedule 9 of the Equality Act")
    // covers the nationality, gender and age requirements it comes with; read only when one is found.
    let legal: boolean | null = null;
    const legalBasis = () =>
      (legal ??=
        (doc.title !== null && ex.context.matchAll(tokenize(doc.title)).some((m) => m.term.tag.g === "legal")) ||
        allLanguageLines(doc, ctx.knowledge, ex.set, ex.context).some((l) => l.section !== "company" && contextHas(l, "legal")));
    // The first place each entry is used, and the lines of its other uses.
    const found = new Map<number, { span: Span; company: boolean; lines: number[] }>();
    for (const line of lines) {
      for (const h of hitsIn(line, ctx.knowledge, "entry")) {
        const entry = ex.entries[h.tag.i]!;
        if (!kinds.includes(entry.kind)) continue;
        if (entry.hasUnless && contextHas(line, "unless", h.tag.i)) continue;
        if (entry.unlessLegalBasis && legalBasis()) continue;
        // A culture or age word capitalised inside a line is a name ("the Superstar Business Competition").
        const initial = doc.text[h.span.start]!;
        if ((entry.kind === "culture" || entry.kind === "age") && h.match.first > 0 && initial !== initial.toLowerCase()) continue;
        const seen = found.get(h.tag.i);
        if (seen) seen.lines.push(lineOf(doc, h.span));
        else found.set(h.tag.i, { span: h.span, company: line.section === "company", lines: [lineOf(doc, h.span)] });
      }
    }
    for (const [i, f] of found) {
      const entry = ex.entries[i]!;
      ctx.report({
        messageId: "term",
        data: { words: wordsOf(doc, f.span), where: `line${new Set(f.lines).size > 1 ? "s" : ""} ${listLines(f.lines)}`, reason: entry.reason, rewrite: entry.rewrite },
        span: f.span,
        // The company profile counts less than the duties and requirements.
        lower: f.company,
        suggestions: [{ desc: capitalise(entry.rewrite) }],
      });
    }
    if (!kinds.includes("age")) return;
    for (const line of lines) {
      const cues = hitsIn(line, ctx.knowledge, "age_cue").map((h) => h.match);
      if (cues.length === 0 || contextHas(line, "not_age")) continue;
      const limit = ageLimit(line, ex.ageLimit, cues);
      if (!limit || legalBasis()) continue;
      ctx.report({
        messageId: "term",
        data: { words: wordsOf(doc, limit), where: `line ${lineOf(doc, limit)}`, reason: ex.ageLimit.reason, rewrite: ex.ageLimit.rewrite },
        span: limit,
        lower: line.section === "company",
        suggestions: [{ desc: capitalise(ex.ageLimit.rewrite) }],
      });
      break;
    }
  },
};

/**
 * An age limit in a line: an age cue with two ages near it ("aged 20-35") or an upper bound and an age ("not
 * older than 30"); `cues` are its age cues, neither negated nor quoted. A minimum alone ("18 or over") is no
 * limit. The span runs from the cue to the last age.
 */
function ageLimit(line: LanguageLine, a: { window: number; minAge: number; maxAge: number }, cues: Match<ListTag>[]): Span | null {
  if (cues.length === 0) return null;
  const isAge = (t: Token) => t.number !== null && Number.isInteger(t.number) && t.number >= a.minAge && t.number <= a.maxAge;
  let uppers: Match<ListTag>[] | null = null;
  for (const cue of cues) {
    // The ages near the cue: most cues ("young") have none, and need no further look.
    const close: number[] = [];
    for (let i = Math.max(0, cue.first - a.window); i <= Math.min(line.tokens.length - 1, cue.last + a.window); i++) {
      if ((Math.abs(i - cue.first) <= a.window || Math.abs(i - cue.last) <= a.window) && isAge(line.tokens[i]!)) close.push(i);
    }
    if (close.length === 0) continue;
    const upper = (uppers ??= contextOf(line).filter((m) => m.term.tag.g === "age_upper"));
    const bounded = close.some((i) => upper.some((u) => u.last < i && i - u.last <= 3));
    if (close.length < 2 && !bounded) continue;
    const first = Math.min(cue.first, ...close, ...upper.filter((u) => close.some((i) => u.last < i && i - u.last <= 3)).map((u) => u.first));
    const last = Math.max(cue.last, ...close);
    const base = line.sentence.span.start;
    return { start: base + line.tokens[first]!.start, end: base + line.tokens[last]!.end };
  }
  return null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export default rule;
