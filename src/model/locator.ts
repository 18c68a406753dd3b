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
    let best: SourceSegment | undefined;
    for (const seg of this.segments) {
      if (seg.textStart <= textOffset) best = seg;
      else break;
    }
    if (!best) return 0;
    const inside = Math.min(textOffset, best.textEnd) - best.textStart;
    return clamp(best.exact ? best.sourceStart + inside : best.sourceStart, 0, this.source.length);
  }

  position(textOffset: number): { line: number; column: number } {
    const offset = this.sourceOffset(textOffset);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
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
