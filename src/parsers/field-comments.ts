import type { TextComment } from "../model/document.js";
import type { Locator } from "../model/locator.js";
import type { Span } from "../model/span.js";
import type { BlockSink } from "./html-blocks.js";
import { mapOffset, type MappedText } from "./source-map.js";

// Comments in a structured posting's text fields, where directives stand: each is kept with where it stands in
// the source and the line of text after it (what a disable-next-line there covers), then located in the file.

/** A comment in a field's text, before the document is built: offsets into the source and the analysed text. */
export interface FieldComment {
  text: string;
  /** Where the comment starts and ends in the source. */
  start: number;
  end: number;
  /** The analysed text's span of the line after it, or null when none follows. */
  next: Span | null;
  field: number;
}

const LINE_END = /\r\n?|\n/g;

/** The first line of text[from, to) that holds more than spaces, trimmed. */
export function firstLine(text: string, from: number, to: number): Span | null {
  let pos = from;
  while (pos < to) {
    LINE_END.lastIndex = pos;
    const m = LINE_END.exec(text);
    const end = m && m.index < to ? m.index : to;
    const line = trimmedLine(text, pos, end);
    if (line) return line;
    pos = m && m.index < to ? m.index + m[0].length : to;
  }
  return null;
}

/**
 * Keeps the comments found in a field's plain or Markdown text, `value` (written to the analysed text at `start`
 * from value[from], up to value[to]). What a comment covers is the very next line of the value, as in Markdown
 * (nothing when it is blank); a comment on the value's last line waits for the field's next part.
 */
export function keepComments(sink: BlockSink, comments: Array<{ start: number; end: number; text: string }>, { value, map }: MappedText, from: number, to: number, start: number): void {
  // Line ends found once, then walked along with the comments (in order): the work is the value's length.
  const ends = [...value.matchAll(/\r\n?|\n/g)].map((m) => ({ at: m.index, after: m.index + m[0].length }));
  let k = 0;
  let known = -1;
  let line: Span | null = null;
  for (const c of comments) {
    while (k < ends.length && ends[k]!.at < c.end) k++;
    if (k < ends.length && known !== k) {
      known = k;
      const s = trimmedLine(value, ends[k]!.after, ends[k + 1]?.at ?? value.length);
      line = s && s.end <= to ? { start: start + s.start - from, end: start + s.end - from } : null;
    }
    const next = k < ends.length ? line : null;
    const comment: FieldComment = { text: c.text, start: mapOffset(map, c.start), end: mapOffset(map, c.end), next, field: sink.field ?? 0 };
    sink.comments?.push(comment);
    if (k >= ends.length) sink.pendingNext?.push(comment);
  }
}

/** text[from, to) without the spaces around it, or null when it is all spaces. */
function trimmedLine(text: string, from: number, to: number): Span | null {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return b > a ? { start: a, end: b } : null;
}

/** Gives comments left waiting by a field's earlier parts the first line written since `from`, if any; else they wait on. */
export function giveFirstLine(sink: BlockSink, waiting: FieldComment[], from: number): void {
  const next = firstLine(sink.out.text, from, sink.out.length);
  if (next) for (const c of waiting) c.next = next;
  else sink.pendingNext?.unshift(...waiting);
}

/** A field's comment located in the file: `base` is where the posting's source starts in the text its offsets are in. */
export function locateComment(c: FieldComment, locator: Locator, base: number): TextComment {
  const start = locator.sourcePosition(c.start - base);
  const end = locator.sourcePosition(c.end - base);
  return {
    text: c.text,
    location: { line: start.line, column: start.column, endLine: end.line, endColumn: end.column },
    nextLine: c.next ? locator.locate(c.next) : null,
    field: c.field,
  };
}
