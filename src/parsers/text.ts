import { buildDocument, classifyHeading } from "../model/build.js";
import type { PostingDocument } from "../model/document.js";
import { Locator } from "../model/locator.js";
import type { Span } from "../model/span.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { scanBlocks } from "./blocks.js";
import { maskComments, maskDirectiveLines } from "./comments.js";

const TITLE_LINE = /^[ \t]*(?:job[ \t]+title|title|position|role)[ \t]*:[ \t]*(\S.*?)[ \t]*$/im;
const MAX_TITLE_CHARS = 150;
const TITLE_SEARCH_CHARS = 2000;

/** The first non-empty line, when it is short enough to be a title. */
export function firstLineTitle(text: string, from: number, to: number): Span | null {
  const m = /\S[^\n\r]*/.exec(text.slice(from, to));
  if (!m) return null;
  const start = from + (m.index ?? 0);
  const end = start + m[0].trimEnd().length;
  return end - start <= MAX_TITLE_CHARS ? { start, end } : null;
}

/** `Title: ...` or `Job title: ...` near the top, else the first non-empty line. */
export function findTextTitle(knowledge: Knowledge, text: string, from: number, to: number): Span | null {
  const head = text.slice(from, Math.min(to, from + TITLE_SEARCH_CHARS));
  const labelled = TITLE_LINE.exec(head);
  if (labelled) {
    const start = from + (labelled.index ?? 0) + labelled[0].indexOf(labelled[1]!);
    return { start, end: start + labelled[1]!.length };
  }
  const first = firstLineTitle(text, from, to);
  if (!first) return null;
  // A posting that starts with "Responsibilities" has no title line. A title's tail may hold heading words
  // ("Marketing Associate - No Experience Necessary"): its first part decides.
  const lead = text.slice(first.start, first.end).split(/\s[-–—|]\s|:/)[0]!;
  return classifyHeading(knowledge, lead) ? null : first;
}

/** Blocks of text[from,to) with the title line left out. */
export function blocksWithoutTitle(knowledge: Knowledge, text: string, from: number, to: number, titleSpan: Span | null, markdown: boolean) {
  const isHeading = (t: string) => classifyHeading(knowledge, t) !== null;
  return scanBlocks(text, from, to, { markdown, isHeading }).filter(
    (b) => !titleSpan || b.end <= titleSpan.start || b.start >= titleSpan.end,
  );
}

export function parseText(knowledge: Knowledge, source: string): PostingDocument {
  const text = maskDirectiveLines(maskComments(source));
  const titleSpan = findTextTitle(knowledge, text, 0, text.length);
  // A "Title: X" line is all title; drop its label from the blocks too.
  const lineOf = titleSpan ? lineRange(text, titleSpan) : null;
  return buildDocument(knowledge, {
    text,
    format: "text",
    raw: source,
    title: titleSpan ? text.slice(titleSpan.start, titleSpan.end) : null,
    titleSpan,
    blocks: blocksWithoutTitle(knowledge, text, 0, text.length, lineOf, false),
    locator: new Locator(text),
  });
}

/** The line that holds a span: from the line end before it (\n, \r\n or a lone \r) to the one after it. */
export function lineRange(text: string, s: Span): Span {
  let start = s.start;
  while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
  const after = /[\r\n]/g;
  after.lastIndex = s.end;
  const end = after.exec(text)?.index ?? text.length;
  return { start, end };
}
