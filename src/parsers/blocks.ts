import type { SectionKind } from "../model/document.js";

/** A line-level piece of a posting: headings open sections; paragraphs and bullets hold sentences. */
export interface Block {
  type: "heading" | "paragraph" | "bullet";
  start: number;
  end: number;
  /** For a heading that names its section's kind outright (a record's `requirements` field, say). */
  kind?: SectionKind;
}

export interface ScanOptions {
  markdown: boolean;
  /** Whether a short line reads as a known section heading ("Responsibilities", "What we offer"). */
  isHeading: (text: string) => boolean;
}

const BULLET = /^(\s*)(?:[-*+•·●▪■◦o]|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)/;
// The openings of a Markdown heading and of a bold line; the rest is checked by mdHeading and mdBoldLine, in
// linear time: `(.*?)\s*#*\s*$` and `(.+?)(?:\*\*|__)\s*:?\s*$` backtrack quadratically or worse on long lines.
const MD_HEADING = /^(\s{0,3})(#{1,6})(?=\s)/;
const MD_BOLD_OPEN = /^\s*(?:\*\*|__)/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const LINE_END = /\r\n?|\n/g;
const MAX_HEADING_CHARS = 70;
const MAX_HEADING_WORDS = 8;
const MAX_INLINE_HEADING_WORDS = 5;

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Where the longest tail of `text` of the form \s*, then at most `most` characters `c`, then \s* starts. */
function tailStart(text: string, c: string, most = Infinity): number {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  for (let n = 0; n < most && end > 0 && text[end - 1] === c; n++) end--;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return end;
}

/** `/^(\s{0,3})(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)`'s first two groups, or null when it does not match. */
export function mdHeading(line: string): [string, string] | null {
  const h = MD_HEADING.exec(line);
  if (!h) return null;
  const rest = line.slice(h[0].length);
  let lead = 0;
  while (isSpace(rest[lead])) lead++;
  // The text between the leading spaces and the closing sequence is matched by `.`: no line breaks in it.
  const body = rest.slice(lead, Math.max(lead, tailStart(rest, "#")));
  return LINE_BREAK.test(body) ? null : [h[1]!, h[2]!];
}

/** `/^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$/.exec(line)?.[1]`: the text of a line in bold, or null. */
export function mdBoldLine(line: string): string | null {
  const open = MD_BOLD_OPEN.exec(line);
  if (!open) return null;
  const rest = line.slice(open[0].length);
  // Only the last `**` or `__` before the trailing spaces and colon can close it.
  const close = tailStart(rest, ":", 1);
  const pair = rest.slice(close - 2, close);
  if (close - 2 < 1 || (pair !== "**" && pair !== "__")) return null;
  const text = rest.slice(0, close - 2);
  return LINE_BREAK.test(text) ? null : text;
}

/** text without the `*` and `_` at either end: `text.replace(/^[*_]+|[*_]+$/g, "")` in linear time. */
export function stripEmphasis(text: string, leading = true): string {
  let start = 0;
  let end = text.length;
  if (leading) while (start < end && (text[start] === "*" || text[start] === "_")) start++;
  while (end > start && (text[end - 1] === "*" || text[end - 1] === "_")) end--;
  return text.slice(start, end);
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

function looksLikeHeading(line: string, isHeading: (t: string) => boolean): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > MAX_HEADING_CHARS || /[.!?]$/.test(t)) return false;
  const words = t.split(/\s+/).length;
  if (words > MAX_HEADING_WORDS) return false;
  const bare = t.replace(/:$/, "");
  if (isHeading(bare)) return true;
  // An unknown short line in capitals ("OVERVIEW") still opens a section.
  return /[A-Z]/.test(bare) && bare === bare.toUpperCase() && words <= 5 && /^[\p{L}\s&/'’-]+$/u.test(bare);
}

/** Scans text[from, to) line by line into blocks. Positions are exact offsets into `text`. */
export function scanBlocks(text: string, from: number, to: number, opts: ScanOptions): Block[] {
  const blocks: Block[] = [];
  let pos = from;
  let inFence = false;
  while (pos < to) {
    // A line ends at \n, \r\n or a lone \r, as the locator counts lines.
    LINE_END.lastIndex = pos;
    const m = LINE_END.exec(text);
    const lineEnd = m && m.index < to ? m.index : to;
    const line = text.slice(pos, lineEnd);
    const lineStart = pos;
    pos = m && m.index < to ? m.index + m[0].length : to + 1;
    if (opts.markdown && /^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.trim() === "" || /^\s*(<!--.*-->|---+|\*\*\*+|===+)\s*$/.test(line)) continue;
    if (opts.markdown) {
      const h = mdHeading(line);
      if (h) {
        const s = lineStart + h[0].length + h[1].length;
        const [a, b] = trimmed(text, s, s + line.length - h[0].length - h[1].length);
        blocks.push({ type: "heading", start: a, end: Math.min(b, lineEnd) });
        continue;
      }
      const bold = mdBoldLine(line);
      if (bold !== null && bold.split(/\s+/).length <= MAX_HEADING_WORDS) {
        const s = lineStart + line.indexOf(bold);
        blocks.push({ type: "heading", start: s, end: s + bold.length });
        continue;
      }
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const [a, b] = trimmed(text, lineStart + bullet[0].length, lineEnd);
      blocks.push({ type: "bullet", start: a, end: b });
      continue;
    }
    const [a, b] = trimmed(text, lineStart, lineEnd);
    const plain = stripEmphasis(text.slice(a, b));
    if (looksLikeHeading(plain, opts.isHeading)) {
      const lead = text.slice(a, b).search(/[^*_]/);
      blocks.push({ type: "heading", start: a + Math.max(0, lead), end: a + Math.max(0, lead) + plain.replace(/:$/, "").length });
      continue;
    }
    // "Responsibilities: you will ..." on one line: a heading, then its text.
    const colon = plain.indexOf(":");
    if (colon > 0) {
      const head = plain.slice(0, colon);
      if (head.split(/\s+/).length <= MAX_INLINE_HEADING_WORDS && opts.isHeading(stripEmphasis(head))) {
        const lead = text.slice(a, b).search(/[^*_]/);
        blocks.push({ type: "heading", start: a + lead, end: a + lead + stripEmphasis(head, false).length });
        const [c, d] = trimmed(text, a + lead + colon + 1, b);
        if (d > c) blocks.push({ type: "paragraph", start: c, end: d });
        continue;
      }
    }
    blocks.push({ type: "paragraph", start: a, end: b });
  }
  return blocks;
}
