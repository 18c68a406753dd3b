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
const MD_HEADING = /^(\s{0,3})(#{1,6})\s+(.*?)\s*#*\s*$/;
const MD_BOLD_LINE = /^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$/;
const MAX_HEADING_CHARS = 70;
const MAX_HEADING_WORDS = 8;
const MAX_INLINE_HEADING_WORDS = 5;

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
    let nl = text.indexOf("\n", pos);
    if (nl < 0 || nl > to) nl = to;
    const lineEnd = nl > pos && text[nl - 1] === "\r" ? nl - 1 : nl;
    const line = text.slice(pos, lineEnd);
    const lineStart = pos;
    pos = nl + 1;
    if (opts.markdown && /^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.trim() === "" || /^\s*(<!--.*-->|---+|\*\*\*+|===+)\s*$/.test(line)) continue;
    if (opts.markdown) {
      const h = MD_HEADING.exec(line);
      if (h) {
        const s = lineStart + h[1]!.length + h[2]!.length;
        const [a, b] = trimmed(text, s, s + line.length - h[1]!.length - h[2]!.length);
        blocks.push({ type: "heading", start: a, end: Math.min(b, lineEnd) });
        continue;
      }
      const bold = MD_BOLD_LINE.exec(line);
      if (bold && bold[1]!.split(/\s+/).length <= MAX_HEADING_WORDS) {
        const s = lineStart + line.indexOf(bold[1]!);
        blocks.push({ type: "heading", start: s, end: s + bold[1]!.length });
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
    const plain = text.slice(a, b).replace(/^[*_]+|[*_]+$/g, "");
    if (looksLikeHeading(plain, opts.isHeading)) {
      const lead = text.slice(a, b).search(/[^*_]/);
      blocks.push({ type: "heading", start: a + Math.max(0, lead), end: a + Math.max(0, lead) + plain.replace(/:$/, "").length });
      continue;
    }
    // "Responsibilities: you will ..." on one line: a heading, then its text.
    const colon = plain.indexOf(":");
    if (colon > 0) {
      const head = plain.slice(0, colon);
      if (head.split(/\s+/).length <= MAX_INLINE_HEADING_WORDS && opts.isHeading(head.replace(/^[*_]+|[*_]+$/g, ""))) {
        const lead = text.slice(a, b).search(/[^*_]/);
        blocks.push({ type: "heading", start: a + lead, end: a + lead + head.replace(/[*_]+$/, "").length });
        const [c, d] = trimmed(text, a + lead + colon + 1, b);
        if (d > c) blocks.push({ type: "paragraph", start: c, end: d });
        continue;
      }
    }
    blocks.push({ type: "paragraph", start: a, end: b });
  }
  return blocks;
}
