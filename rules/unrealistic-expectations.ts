import type { Rule } from "../src/engine/types.js";
import type { ListTag } from "../src/lexicon/language.js";
import type { TermSet } from "../src/lexicon/termset.js";
import type { PostingDocument } from "../src/model/document.js";
import type { Span } from "../src/model/span.js";
import { payFacts } from "../src/judge/pay.js";
import { tokenize } from "../src/text/tokenize.js";
import { allLanguageLines, contextHas, contextOf, hitsIn, languageLines, lineAndNext, lineHas, wordsOf, type LanguageHit, type LanguageLine } from "./lib/language.js";
import { lineOf, numberOption, stringList } from "./lib/signals.js";

const CHECKS = ["perks", "hats", "new_starter", "always_available", "entry_years"];

/**
 * What no one can meet, or what hides a thin offer: snacks as the headline perk, "many hats" over a list of
 * jobs, a new starter productive from day one, availability around the clock, an entry-level job asking for
 * years of experience.
 */
const rule: Rule = {
  meta: {
    id: "unrealistic-expectations",
    description: "Hollow headline perks, many hats over several jobs, no onboarding, 24/7 availability, entry-level jobs asking for years of experience",
    docs: "rules/docs/unrealistic-expectations.md",
    defaultSeverity: "warning",
    presets: ["inclusive", "strict"],
    topic: "language",
    messages: {
      perks: '{{words}} ({{where}}): {{reason}}. Instead: {{rewrite}}.',
      hats: '"{{words}}" (line {{line}}): {{reason}}. Instead: {{rewrite}}.',
      expectation: '"{{words}}" (line {{line}}): {{reason}}. Instead: {{rewrite}}.',
      entryYears: 'Entry level, yet "{{words}}" (line {{line}}): {{reason}}. Instead: {{rewrite}}.',
    },
    options: {
      checks: {
        type: "array",
        items: { type: "string" },
        description: `What to check (${CHECKS.join(", ")})`,
        default: CHECKS,
      },
      maxEntryYears: {
        type: "integer",
        minimum: 0,
        maximum: 20,
        description: "The most years of experience an entry-level posting may ask for",
        default: 2,
      },
    },
  },
  check(doc, ctx) {
    const ex = ctx.knowledge.language?.expectations;
    if (!ex) return;
    const checks = stringList(ctx.options.checks, CHECKS);
    const k = ctx.knowledge;
    // The lines with a find; every line only where a find sends the rule to its neighbours or the whole posting.
    const lines = languageLines(doc, k, ex.set, ex.context);
    const every = () => allLanguageLines(doc, k, ex.set, ex.context);

    if (checks.includes("perks")) {
      const perks: LanguageHit[] = [];
      for (const l of lines) {
        perks.push(...hitsIn(l, k, "perk"));
        if (l.section === "benefits") perks.push(...hitsIn(l, k, "perk_in_benefits"));
      }
      perks.sort((a, b) => a.span.start - b.span.start);
      // Hollow only when nothing candidates weigh is offered anywhere (benefits under "What you'll love about us"
      // are read as the company profile): no pay figure, no leave, no health cover, no pension.
      const substantive = perks.length > 0 && every().some((l) => hitsIn(l, k, "substantive", contextOf(l)).length > 0);
      if (perks.length && !substantive && payFacts(doc, k).figures.length === 0) {
        const shown = [...new Set(perks.map((p) => `"${wordsOf(doc, p.span)}"`))].slice(0, 3).join(", ");
        const where = [...new Set(perks.map((p) => lineOf(doc, p.span)))];
        ctx.report({
          messageId: "perks",
          data: { words: shown, where: `line${where.length > 1 ? "s" : ""} ${where.join(", ")}`, reason: ex.perks.reason, rewrite: ex.perks.rewrite },
          span: perks[0]!.span,
          lower: perks.every((p) => p.section === "company"),
          suggestions: [{ desc: "State the pay, leave, health cover and pension the job comes with" }],
        });
      }
    }

    if (checks.includes("hats")) {
      for (const line of lines) {
        const hat = hitsIn(line, k, "hats")[0];
        if (!hat) continue;
        const roles = new Map<number, string>();
        for (const l of lineAndNext(doc, k, ex.set, ex.context, line, ex.hats.linesAfter)) {
          if (l.section === "company") continue;
          for (const r of hitsIn(l, k, "role", contextOf(l))) if (!roles.has(r.tag.i)) roles.set(r.tag.i, wordsOf(doc, r.span).toLowerCase());
        }
        if (roles.size < ex.hats.minRoles) continue;
        const list = [...roles.values()].slice(0, 5);
        ctx.report({
          messageId: "hats",
          data: { words: wordsOf(doc, hat.span), line: lineOf(doc, hat.span), reason: ex.hats.reason.replace("{{roles}}", joinAnd(list)), rewrite: ex.hats.rewrite },
          span: hat.span,
          suggestions: [{ desc: "Split the work into the role you can fund" }],
        });
        break;
      }
    }

    const nextExcuses = (line: LanguageLine, i: number) => {
      const next = lineAndNext(doc, k, ex.set, ex.context, line, 1)[1];
      return next !== undefined && contextHas(next, "unless", i);
    };
    const seen = new Set<number>();
    const entryLevel = isEntryLevel(doc, lines, ex.set);
    for (const line of lines) {
      // The company's own hours and service ("an account manager available 24/7") are not what the hire must do.
      if (line.section === "company") continue;
      for (const h of hitsIn(line, k, "entry")) {
        const entry = ex.entries[h.tag.i]!;
        if (!checks.includes(entry.group) || seen.has(h.tag.i)) continue;
        // What excuses it may follow in the next line ("Our on-ramp period is about two weeks").
        if (entry.hasUnless && (contextHas(line, "unless", h.tag.i) || nextExcuses(line, h.tag.i))) continue;
        if (entry.entryLevelOnly && !entryLevel) continue;
        seen.add(h.tag.i);
        ctx.report({
          messageId: "expectation",
          data: { words: wordsOf(doc, h.span), line: lineOf(doc, h.span), reason: entry.reason, rewrite: entry.rewrite },
          span: h.span,
          suggestions: [{ desc: entry.rewrite.charAt(0).toUpperCase() + entry.rewrite.slice(1) }],
        });
      }
    }

    if (checks.includes("entry_years") && entryLevel) {
      const max = numberOption(ctx.options.maxEntryYears, 2);
      for (const line of every()) {
        // Years are asked with a number: a line without one needs no closer look.
        if (line.section === "company" || !line.tokens.some((t) => t.number !== null)) continue;
        // Asked of the candidate: under the requirements, or in a line that says so ("you", "must", "minimum").
        if (line.section !== "requirements" && !contextHas(line, "asks")) continue;
        const found = yearsAsked(line, ex.entryLevel.window);
        if (!found || found.years <= max) continue;
        ctx.report({
          messageId: "entryYears",
          data: { words: wordsOf(doc, found.span), line: lineOf(doc, found.span), reason: ex.entryLevel.reason.replace("{{years}}", String(found.years)), rewrite: ex.entryLevel.rewrite },
          span: found.span,
          suggestions: [{ desc: `Ask for at most ${max} years, or drop the entry-level label` }],
        });
        break;
      }
    }
  },
};

/**
 * Entry level by an entry-level word in the title or an entry-level phrase in the text. The title's seniority level
 * is not used: "entry" holds coordinators and associates, who may be experienced.
 */
function isEntryLevel(doc: PostingDocument, lines: LanguageLine[], set: TermSet<ListTag>): boolean {
  if (doc.title && set.matchAll(tokenize(doc.title)).some((m) => m.term.tag.g === "entry_title")) return true;
  return lines.some((l) => l.section !== "company" && lineHas(l, "entry_text"));
}

/**
 * Years of experience a line asks for: a number (the smallest of a range) right before a year word, with an
 * experience word within `window` tokens ("5+ years of experience", "experience: 3-5 years").
 */
function yearsAsked(line: LanguageLine, window: number): { years: number; span: Span } | null {
  const context = contextOf(line);
  const experience = context.filter((m) => m.term.tag.g === "experience");
  if (experience.length === 0) return null;
  for (const y of context) {
    if (y.term.tag.g !== "years") continue;
    // The numbers right before the year word, a range's joined by "to", "or" or a dash: "1 to 3 years".
    const numbers: number[] = [];
    for (let i = y.first - 1; i >= 0 && i >= y.first - 4; i--) {
      const t = line.tokens[i]!;
      if (t.number !== null) numbers.unshift(i);
      else if (!(numbers.length > 0 && (t.word === "to" || t.word === "or"))) break;
    }
    if (numbers.length === 0) continue;
    const years = Math.min(...numbers.map((i) => line.tokens[i]!.number!));
    if (!(years > 0 && years <= 30)) continue;
    if (!experience.some((e) => Math.abs(e.first - y.last) <= window || Math.abs(y.first - e.last) <= window)) continue;
    const base = line.sentence.span.start;
    return { years, span: { start: base + line.tokens[numbers[0]!]!.start, end: base + line.tokens[y.last]!.end } };
  }
  return null;
}

function joinAnd(list: string[]): string {
  return list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

export default rule;
