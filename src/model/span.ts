/** A half-open range of UTF-16 offsets into a document's analysed text. */
export interface Span {
  start: number;
  end: number;
}

/** A 1-based line/column range in the source file, as every output format reports it. */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}
