import type { LintResult } from "../../src/engine/result.js";
import { dutyLineNotes } from "../../src/formatters/verdict-words.js";
import { lineStarts } from "../../src/model/locator.js";

/**
 * Where the duty lines stand in the text as given, for marking them: evidence comes with lines and columns of the
 * source, which are offsets here. In JSON-based inputs a position is the start of the string that holds the line,
 * so the line's own text is looked for from there.
 */

export interface DutyMark {
  start: number;
  end: number;
  family: string;
  notes: string[];
  /** Which posting of the input the line belongs to (0 for the first). */
  posting: number;
}

/** A piece of one source line: plain text, or part of a marked duty line. */
export interface Piece {
  text: string;
  mark: DutyMark | null;
  /** The first piece of its mark (where its family is named). */
  first: boolean;
}

export interface SourceLine {
  number: number;
  pieces: Piece[];
}

function offsetOf(starts: number[], length: number, line: number, column: number): number {
  const start = starts[Math.min(Math.max(line - 1, 0), starts.length - 1)] ?? 0;
  return Math.min(start + Math.max(column - 1, 0), length);
}

/** The duty lines of every posting, as offsets into `source`, in order and without overlaps. */
export function dutyMarks(source: string, results: LintResult[]): DutyMark[] {
  const starts = lineStarts(source);
  const marks: DutyMark[] = [];
  results.forEach((r, posting) => {
    for (const e of r.verdict.evidence) {
      let start = offsetOf(starts, source.length, e.line, e.column);
      let end = offsetOf(starts, source.length, e.endLine, e.endColumn);
      if (source.slice(start, end) !== e.text) {
        const found = source.indexOf(e.text, start);
        if (found >= 0) [start, end] = [found, found + e.text.length];
      }
      if (end > start) marks.push({ start, end, family: e.family, notes: dutyLineNotes(e), posting });
    }
  });
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DutyMark[] = [];
  for (const m of marks) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

/** The source line by line, each cut into plain and marked pieces. */
export function sourceLines(source: string, marks: DutyMark[]): SourceLine[] {
  const starts = lineStarts(source);
  let next = 0;
  const begun = new Set<DutyMark>();
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : source.length;
    const text = source.slice(start, end).replace(/\r?\n$|\r$/, "");
    const lineEnd = start + text.length;
    const pieces: Piece[] = [];
    let at = start;
    while (next < marks.length && marks[next]!.end <= start) next++;
    for (let k = next; k < marks.length && marks[k]!.start < lineEnd; k++) {
      const m = marks[k]!;
      const from = Math.max(m.start, start);
      const to = Math.min(m.end, lineEnd);
      if (from > at) pieces.push({ text: source.slice(at, from), mark: null, first: false });
      if (to > from) {
        pieces.push({ text: source.slice(from, to), mark: m, first: !begun.has(m) });
        begun.add(m);
      }
      at = Math.max(at, to);
    }
    if (lineEnd > at || pieces.length === 0) pieces.push({ text: source.slice(at, lineEnd), mark: null, first: false });
    return { number: i + 1, pieces };
  });
}
