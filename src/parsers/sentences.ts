import type { Span } from "../model/span.js";

// Words that end with a dot without ending the sentence.
const ABBREVIATIONS = new Set([
  "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "no", "approx",
  "dept", "u.s", "u.k", "min", "max", "incl", "esp", "est", "ph.d", "b.a", "b.s", "m.s", "m.a", "mba", "fig",
]);
// A full stop (or ! ?) where the next sentence starts, with or without the space (boards often lose it).
// It starts only where a run of stops starts: tried inside a run it fails the same way, once per stop (quadratic).
const BOUNDARY = /(?<![.!?])([.!?]+)(["”’)]?)(\s*)(?=["“(]?[A-Z0-9])/g;
// Bullets run into one line: "experience:* Great skills* Positive attitude", "• one • two".
const INLINE_BULLET = /(?:\s|^|(?<=[\p{L}\p{P}]))(?:[*•·●▪■◦]|\s-\s)\s*(?=\S)/gu;
const MIN_GLUED_WORD = 3;
// Bullet items joined when a board dropped the line breaks: "when neededMaintain the", "etc.)Lift heavy".
// The word before must be all lowercase, so "JavaScript" or "LinkedIn" are left alone.
// A match is the capital after the cut, so the expression scans fast for capitals; the look back over a run of
// lowercase letters is only taken there (taken at every letter of a long run, it was quadratic).
const GLUED_ITEMS = /[A-Z](?<=(?:(?<![\p{L}])[a-z]{3,}|[)\]:])[A-Z])(?=[a-z]{2})/gu;
// What INLINE_BULLET needs somewhere in a text: most texts have none, and this scans fast (it starts with a
// character class, not a look-around tried at every position).
const MAY_HAVE_INLINE_BULLET = /[*•·●▪■◦]|\s-\s/;

function isAbbreviation(text: string, dot: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot));
  if (!before) return false;
  const word = before[1]!.toLowerCase();
  return ABBREVIATIONS.has(word) || /^(?:[a-z]\.)+[a-z]?$/.test(word) || word.length === 1;
}

/**
 * The longest sentence analysed: a longer run of text without a stop (a feed that lost its punctuation, or a
 * hostile input) is cut at spaces into pieces this long, so that the work on it grows linearly with its length.
 */
export const MAX_SENTENCE_CHARS = 5000;

/** Cuts a long span into pieces of at most MAX_SENTENCE_CHARS, at the last space before each limit if there is one. */
function cutLong(text: string, span: Span, out: Span[]): void {
  let { start } = span;
  while (span.end - start > MAX_SENTENCE_CHARS) {
    let cut = start + MAX_SENTENCE_CHARS;
    const space = text.slice(start, cut + 1).search(/\s\S*$/);
    if (space > 0) cut = start + space;
    else if (/[\uDC00-\uDFFF]/.test(text[cut]!)) cut--; // not between the halves of a surrogate pair
    let end = cut;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (/[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ start, end });
    start = cut;
    while (start < span.end && /\s/.test(text[start]!)) start++;
  }
  if (span.end > start && /[\p{L}\p{N}]/u.test(text.slice(start, span.end))) out.push({ start, end: span.end });
}

/** Splits text[start, end) into sentence spans, trimmed, without empty or punctuation-only pieces. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const piece = text.slice(start, end);
  const cuts = new Set<number>();
  if (MAY_HAVE_INLINE_BULLET.test(piece)) {
    for (const m of piece.matchAll(INLINE_BULLET)) {
      if ((m.index ?? 0) > 0) cuts.add(m.index ?? 0);
    }
  }
  for (const m of piece.matchAll(GLUED_ITEMS)) cuts.add(m.index ?? 0);
  for (const m of piece.matchAll(BOUNDARY)) {
    const dot = m.index ?? 0;
    const after = dot + m[1]!.length + m[2]!.length;
    if (m[1] === "." && isAbbreviation(piece, dot)) continue;
    if (m[3] === "") {
      // Glued: "driven.The" splits, "Node.Js" or "3.5" does not.
      const wordBefore = /(\p{L}+)$/u.exec(piece.slice(Math.max(0, dot - 20), dot))?.[1] ?? "";
      const next = piece.slice(after, after + 3);
      if (m[1] !== "." || wordBefore.length < MIN_GLUED_WORD || !/^[A-Z][a-z]{2}/.test(next)) continue;
      if (/[A-Z]/.test(wordBefore.slice(1))) continue;
    }
    cuts.add(after);
  }
  const points = [0, ...[...cuts].sort((a, b) => a - b), piece.length];
  const spans: Span[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    let s = points[i]!;
    let e = points[i + 1]!;
    while (s < e && /[\s*•·●▪■◦-]/.test(piece[s]!)) s++;
    while (e > s && /\s/.test(piece[e - 1]!)) e--;
    if (e - s > MAX_SENTENCE_CHARS) cutLong(text, { start: start + s, end: start + e }, spans);
    else if (e > s && /[\p{L}\p{N}]/u.test(piece.slice(s, e))) spans.push({ start: start + s, end: start + e });
  }
  return spans;
}
