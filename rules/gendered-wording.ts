import type { Rule } from "../src/engine/types.js";
import type { Knowledge } from "../src/lexicon/knowledge.js";
import type { GenderedKnowledge } from "../src/lexicon/language.js";
import type { PostingDocument } from "../src/model/document.js";
import type { Span } from "../src/model/span.js";
import { contextHas, contextOf, hitsIn, languageLines, wordsOf, type LanguageHit } from "./lib/language.js";
import { lineOf } from "./lib/signals.js";

/**
 * Masculine- and feminine-coded words (Gaucher, Friesen & Kay 2011) as a balance for the whole posting, and
 * gendered words or pronouns that have a neutral form ("salesman", "he will").
 */
const rule: Rule = {
  meta: {
    id: "gendered-wording",
    description: "Masculine- or feminine-coded wording out of balance, and gendered words or pronouns where a neutral one exists",
    docs: "rules/docs/gendered-wording.md",
    defaultSeverity: "warning",
    recommendedSeverity: "info",
    topic: "language",
    messages: {
      balance:
        "The wording leans {{side}}-coded: {{count}} {{side}}-coded words to {{other}} {{otherSide}}-coded ({{words}}). {{advice}}",
      term: 'Gendered wording "{{words}}" (line {{line}}): write "{{neutral}}".',
    },
    options: {
      balance: {
        type: "boolean",
        description: "Report the balance of masculine- and feminine-coded words (the gendered terms are reported either way)",
        default: true,
      },
    },
  },
  check(doc, ctx) {
    const g = ctx.knowledge.language?.gendered;
    if (!g) return;
    const lines = languageLines(doc, ctx.knowledge, g.set, g.context);
    const coded = codedWords(doc, ctx.knowledge);
    for (const line of lines) {
      if (line.section === "company") continue;
      for (const h of hitsIn(line, ctx.knowledge, "term")) {
        const term = g.terms[h.tag.i]!;
        // A capitalised word inside a line names someone or something ("ManpowerGroup", "Executive Chairman").
        const first = doc.text[h.span.start]!;
        const properNoun = !term.pronoun && first !== first.toLowerCase() && h.match.first > 0;
        if (properNoun) continue;
        // "he will" is the person hired only where the line speaks of that person ("the successful candidate").
        if (term.pronoun && !/\/| or /.test(wordsOf(doc, h.span)) && !contextHas(line, "candidate")) continue;
        ctx.report({
          messageId: "term",
          data: { words: wordsOf(doc, h.span), neutral: term.neutral, line: lineOf(doc, h.span) },
          span: h.span,
          suggestions: [{ desc: `Write "${term.neutral}"` }],
        });
      }
    }
    if (ctx.options.balance === false) return;
    const total = coded.masculine.weight + coded.feminine.weight;
    if (total < g.minWords) return;
    const side = coded.masculine.weight >= coded.feminine.weight ? "masculine" : "feminine";
    const otherSide = side === "masculine" ? "feminine" : "masculine";
    if (coded[side].weight / total < g.lean || coded[side].hits.length < 2 * coded[otherSide].hits.length) return;
    const hits = coded[side].hits;
    const distinct = [...new Set(hits.map((h) => wordsOf(doc, h.span).toLowerCase()))];
    const shown = distinct.slice(0, 5).map((w) => `"${w}"`).join(", ") + (distinct.length > 5 ? ", ..." : "");
    const at: Span = hits.find((h) => h.section !== "company")?.span ?? hits[0]!.span;
    ctx.report({
      messageId: "balance",
      data: {
        side,
        otherSide,
        count: hits.length,
        other: coded[otherSide].hits.length,
        words: shown,
        advice:
          side === "masculine"
            ? "Women find ads worded this way less appealing (Gaucher, Friesen & Kay 2011); describe the work with some words about collaboration, support and care too."
            : "Men are hardly put off by such wording (Gaucher, Friesen & Kay 2011); no change is needed unless the balance is unintended.",
      },
      span: at,
      // A balance is advice about the whole posting: one step below the rule's severity.
      lower: true,
      suggestions: [{ desc: side === "masculine" ? "Balance the coded words, or replace some with neutral ones" : "Check the balance is intended" }],
    });
  },
};

export type CodedWords = Record<"masculine" | "feminine", { weight: number; hits: LanguageHit[] }>;

/**
 * The coded words of a posting, each weighted by its section as the title check weighs evidence; a word inside a
 * use that says nothing about a person ("competitive salary", "sensitive data", "test-driven") or in a name is
 * left out.
 */
export function codedWords(doc: PostingDocument, knowledge: Knowledge): CodedWords {
  const coded: CodedWords = { masculine: { weight: 0, hits: [] }, feminine: { weight: 0, hits: [] } };
  const g = knowledge.language?.gendered;
  if (!g) return coded;
  const weights = knowledge.sections.weights;
  const inNotTraits = notTraitWords(g);
  for (const line of languageLines(doc, knowledge, g.set, g.context)) {
    let notTraits: LanguageHit[] | null = null;
    for (const side of ["masculine", "feminine"] as const) {
      for (const h of hitsIn(line, knowledge, side)) {
        // Most coded words ("collaborate") stand in no use that says nothing about a person: no need to look.
        const t = line.tokens[h.match.first]!;
        if (inNotTraits.has(t.word) || inNotTraits.has(t.stem)) {
          notTraits ??= hitsIn(line, knowledge, "not_trait", contextOf(line));
          if (notTraits.some((n) => n.match.first <= h.match.last && h.match.first <= n.match.last)) continue;
        }
        // A coded word capitalised inside a line is a name ("The Athletic", "Compassionate Leave").
        const initial = doc.text[h.span.start]!;
        if (h.match.first > 0 && initial !== initial.toLowerCase() && !line.tokens[h.match.first]!.clauseBreak) continue;
        coded[side].weight += weights[line.section];
        coded[side].hits.push(h);
      }
    }
  }
  return coded;
}

const notTraitCache = new WeakMap<GenderedKnowledge, Set<string>>();

/** The words and stems that the not_traits phrases are made of. */
function notTraitWords(g: GenderedKnowledge): Set<string> {
  let words = notTraitCache.get(g);
  if (!words) {
    words = new Set();
    for (const term of g.context.terms) {
      if (term.tag.g !== "not_trait") continue;
      for (const w of term.phrase.words) for (const x of [...w.stems, ...w.exact]) words.add(x);
    }
    notTraitCache.set(g, words);
  }
  return words;
}

export default rule;
