import type { Location, Span } from "./span.js";

/**
 * One piece of a document's analysed text and where it came from in the source file.
 * Text and Markdown map one to one; a JSON field's text maps to where its value starts, since escapes
 * make inner positions inexact.
 */
export interface SourceSegment {
  textStart: number;
  textEnd: number;
  sourceStart: number;
  /** true when every character of the segment stands at the same distance in the source. */
  exact: boolean;
}

/** The index of the last segment that starts at or before `textOffset` (segments are in text order), or -1. */
export function segmentIndex(segments: readonly SourceSegment[], textOffset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0 || segments[0]!.textStart > textOffset) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.textStart <= textOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offsets of the start of every line of a text. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The 0-based index of the line holding `offset`, given the text's line starts. */
export function lineIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The 1-based line of `offset` in `text`: one more than the line ends before it. */
export function lineAt(text: string, offset: number): number {
  return lineIndexAt(lineStarts(text), offset) + 1;
}

/**
 * How many line ends a piece of a larger text holds, where `next` is the character after the piece: a \r at the
 * piece's end is half of a \r\n when `next` is \n.
 */
export function lineEndsIn(piece: string, next = ""): number {
  let n = 0;
  for (let i = piece.indexOf("\r"); i >= 0; i = piece.indexOf("\r", i + 1)) n++;
  for (let i = piece.indexOf("\n"); i >= 0; i = piece.indexOf("\n", i + 1)) if (piece.charCodeAt(i - 1) !== 13) n++;
  return piece.endsWith("\r") && next === "\n" ? n - 1 : n;
}

/**
 * Turns analysed-text offsets into source line/column: the one place where line and column are computed.
 */
export class Locator {
  private readonly starts: number[];

  constructor(
    private readonly source: string,
    private readonly segments: SourceSegment[] | null = null,
    /** Added to every line: a record's position inside a larger file (a JSONL line, say). */
    private readonly lineOffset = 0,
  ) {
    this.starts = lineStarts(source);
  }

  /** The source offset of an analysed-text offset. */
  sourceOffset(textOffset: number): number {
    if (!this.segments) return clamp(textOffset, 0, this.source.length);
    const best = this.segments[segmentIndex(this.segments, textOffset)];
    if (!best) return 0;
    const inside = Math.min(textOffset, best.textEnd) - best.textStart;
    return clamp(best.exact ? best.sourceStart + inside : best.sourceStart, 0, this.source.length);
  }

  position(textOffset: number): { line: number; column: number } {
    return this.sourcePosition(this.sourceOffset(textOffset));
  }

  /** The line and column of an offset into the source itself (a comment's, say, which the analysed text leaves out). */
  sourcePosition(sourceOffset: number): { line: number; column: number } {
    const offset = clamp(sourceOffset, 0, this.source.length);
    const lo = lineIndexAt(this.starts, offset);
    return { line: lo + 1 + this.lineOffset, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  locate(range: Span): Location {
    const start = this.position(range.start);
    const end = this.position(Math.max(range.start, range.end));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}
