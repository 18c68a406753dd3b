import type { Rule, RuleContext } from "../src/engine/types.js";
import type { PostingDocument } from "../src/model/document.js";
import type { Span } from "../src/model/span.js";
import { payFacts, postingJurisdictions, type PayCue, type PayFigure } from "../src/judge/pay.js";
import { isQuoted } from "./lib/language.js";
import { lineOf, sentenceTokens, stringList } from "./lib/signals.js";

const PERIOD_WORDS: Record<string, string> = { hour: "an hour", day: "a day", week: "a week", month: "a month", year: "a year" };

/**
 * Is the pay stated (a figure or range with a currency and a period), and is it honest: commission only, or
 * uncapped earnings without a base, OTE without the base split, "competitive salary" with no figure. Where the
 * config names the posting's jurisdiction as one whose law requires a range, a missing range is an error.
 */
const rule: Rule = {
  meta: {
    id: "pay-transparency",
    description: "No pay stated (a range with currency and period), or pay that hides its base: commission only, uncapped earnings, OTE without a base, competitive salary",
    docs: "rules/docs/pay-transparency.md",
    defaultSeverity: "warning",
    topic: "language",
    messages: {
      noPay: "No pay is stated{{law}}. Candidates look for a range with a currency and a period (\"$55,000-$70,000 a year\").",
      vague: '"{{words}}" (line {{line}}) with no figure{{law}}: state the range, with currency and period.',
      noRange: "Pay is one figure, {{pay}} (line {{line}}){{law}}: state the range (\"$55,000-$70,000 a year\").",
      commissionOnly:
        '"{{words}}" (line {{line}}){{law}}: the job pays commission only. Say so in the title or first line, and state what new starters typically earn in their first year.',
      uncapped: '"{{words}}" (line {{line}}) with no base pay stated{{law}}: say what is paid for sure, and what typical earnings are.',
      oteNoBase: "On-target earnings of {{pay}} (line {{line}}) without the base: state the base pay and the commission split.",
    },
    options: {
      require: {
        type: "string",
        enum: ["figure", "range"],
        description: "What a posting must state: any pay figure, or a range (a minimum and a maximum)",
        default: "figure",
      },
      jurisdictions: {
        type: "array",
        items: { type: "string" },
        description:
          "Jurisdictions whose law requires a pay range in a posting (codes of rules/lexicons/pay.yaml: US-CO, US-NY, US-CA, US-WA, EU, ...); a posting located in one gets an error, not a warning, and must state a range",
        default: [],
      },
      location: {
        type: "string",
        description: "The jurisdiction of postings that name no place they are in (a careers site's own), or empty",
        default: "",
      },
    },
  },
  check(doc, ctx) {
    const pay = ctx.knowledge.language?.pay;
    if (!pay) return;
    const facts = payFacts(doc, ctx.knowledge);
    const cues = facts.cues.filter((c) => !quotedCue(doc, c));
    const required = stringList(ctx.options.jurisdictions, []);
    // Where the posting is matters only when the config names jurisdictions.
    const located = required.length ? postingJurisdictions(doc, ctx.knowledge) : [];
    const here = located.length ? located : typeof ctx.options.location === "string" && ctx.options.location ? [ctx.options.location] : [];
    const binding = pay.jurisdictions.find((j) => required.includes(j.code) && here.includes(j.code)) ?? null;
    const law = binding ? `, as ${binding.label} requires (${binding.law})` : "";
    const requireRange = binding !== null || ctx.options.require === "range";
    const base = facts.figures.filter((f) => f.basis === "base");
    const first = (kind: PayCue["kind"]) => cues.find((c) => c.kind === kind && c.section !== "company") ?? cues.find((c) => c.kind === kind);

    const hasBaseWords = cues.some((c) => c.kind === "base");
    const commission = first("commission_only");
    const uncapped = hasBaseWords ? undefined : first("uncapped");
    const raise = binding !== null;
    if (facts.figures.length === 0) {
      // No figure: say what the posting does say about pay, the most telling first.
      const vague = first("vague");
      if (commission) report(ctx, doc, "commissionOnly", commission, law, raise);
      else if (uncapped) report(ctx, doc, "uncapped", uncapped, law, raise);
      else if (vague) report(ctx, doc, "vague", vague, law, raise);
      else ctx.report({ messageId: "noPay", data: { law }, span: doc.titleSpan, raise, suggestions: [{ desc: "State the pay range, with currency and period" }] });
      return;
    }
    if (requireRange && facts.pay && facts.pay.min === facts.pay.max) {
      ctx.report({
        messageId: "noRange",
        data: { pay: describe(facts.pay), line: lineOf(doc, facts.pay.span), law },
        span: facts.pay.span,
        raise,
        suggestions: [{ desc: "State the lowest and the highest pay the job may start at" }],
      });
    }
    // Figures, but none of a base: earnings promised without what is paid for sure.
    if (base.length > 0) return;
    const ote = facts.figures.find((f) => f.basis === "ote");
    if (commission) report(ctx, doc, "commissionOnly", commission, "", false);
    else if (ote && !hasBaseWords)
      ctx.report({
        messageId: "oteNoBase",
        data: { pay: describe(ote), line: lineOf(doc, ote.span) },
        span: ote.span,
        suggestions: [{ desc: "State the base pay next to the OTE (\"£25,000 base, £40,000 OTE\")" }],
      });
  },
};

const SUGGESTION: Record<string, string> = {
  commissionOnly: "Put \"commission only\" in the title or first line, with typical first-year earnings",
  uncapped: "State the base pay, and typical earnings",
  vague: "Replace it with the range, e.g. \"$55,000-$70,000 a year\"",
};

function report(ctx: RuleContext, doc: PostingDocument, messageId: "commissionOnly" | "uncapped" | "vague", cue: PayCue, law: string, raise: boolean): void {
  ctx.report({
    messageId,
    data: { words: text(doc, cue.span), line: lineOf(doc, cue.span), law },
    span: cue.span,
    raise,
    suggestions: [{ desc: SUGGESTION[messageId]! }],
  });
}

function text(doc: PostingDocument, span: Span): string {
  return doc.text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
}

/** A cue inside quotation marks is someone else's words. */
function quotedCue(doc: PostingDocument, c: PayCue): boolean {
  if (c.sentence < 0) return false;
  const sentence = doc.sentences[c.sentence]!;
  const tokens = sentenceTokens(doc)[c.sentence]!;
  const first = tokens.findIndex((t) => sentence.span.start + t.start >= c.span.start);
  const last = tokens.findIndex((t) => sentence.span.start + t.end >= c.span.end);
  return first >= 0 && last >= 0 && isQuoted(sentence.text, tokens, first, last);
}

/** "$55,000-$70,000 a year" as the figure reads, with its period in words. */
function describe(f: PayFigure): string {
  // Grouped by hand: toLocaleString would load ICU's number formats for one message.
  const n = (x: number) => {
    const [whole, cents] = String(Math.round(x * 100) / 100).split(".");
    return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (cents ? `.${cents.padEnd(2, "0")}` : "");
  };
  const amount = f.min === f.max ? `${f.currency} ${n(f.min)}` : `${f.currency} ${n(f.min)}-${n(f.max)}`;
  return f.period ? `${amount} ${PERIOD_WORDS[f.period]}` : amount;
}

export default rule;
