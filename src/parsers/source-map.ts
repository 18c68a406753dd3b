import { entityDecoder } from "../deps/lazy.js";
import type { SourceSegment } from "../model/locator.js";

/**
 * Where each part of a string came from in the source file, as segments in the string's own offsets.
 * A JSON value maps to where it starts; a CSV cell or an HTML text run maps exactly.
 */
export type OffsetMap = SourceSegment[];

/** The string stands verbatim at `sourceStart`. */
export function exactMap(length: number, sourceStart: number): OffsetMap {
  return [{ textStart: 0, textEnd: length, sourceStart, exact: true }];
}

/** The whole string points at one source position (escapes make inner positions inexact). */
export function pointMap(length: number, sourceStart: number): OffsetMap {
  return [{ textStart: 0, textEnd: length, sourceStart, exact: false }];
}

/** The source offset of a string offset. */
export function mapOffset(map: OffsetMap, offset: number): number {
  let best: SourceSegment | undefined;
  for (const seg of map) {
    if (seg.textStart <= offset) best = seg;
    else break;
  }
  if (!best) return map[0]?.sourceStart ?? 0;
  return best.exact ? best.sourceStart + Math.min(offset, best.textEnd) - best.textStart : best.sourceStart;
}

/** Builds a document's analysed text piece by piece, remembering where each piece came from. */
export class TextBuilder {
  readonly segments: SourceSegment[] = [];
  // Pieces are joined only when the text is asked for: reading a string built by += flattens it each time.
  private parts: string[] = [];
  private size = 0;
  private lastChar = "";

  /** `base` is subtracted from every source offset: the start of the record's own slice of the file. */
  constructor(private readonly base = 0) {}

  get length(): number {
    return this.size;
  }

  get text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join("")];
    return this.parts[0] ?? "";
  }

  endsWith(char: string): boolean {
    return this.lastChar === char;
  }

  /** The source offset just past the last piece: where a separator after it should point, so spans end there. */
  sourceEnd(): number {
    const last = this.segments[this.segments.length - 1];
    if (!last) return this.base;
    return this.base + last.sourceStart + (last.exact ? last.textEnd - last.textStart : 0);
  }

  /** Appends a separator (a line break between blocks) that stands for no source text. */
  separate(text: string): void {
    this.add(text, this.sourceEnd(), false);
  }

  /** Appends `piece`, found at `sourceStart`; exact when it stands there character for character. */
  add(piece: string, sourceStart: number, exact: boolean): void {
    if (!piece) return;
    const at = Math.max(0, sourceStart - this.base);
    const last = this.segments[this.segments.length - 1];
    const contiguous = last !== undefined && last.textEnd === this.size && last.exact === exact;
    if (contiguous && (exact ? last.sourceStart + (last.textEnd - last.textStart) === at : last.sourceStart === at)) {
      last.textEnd += piece.length;
    } else {
      this.segments.push({ textStart: this.size, textEnd: this.size + piece.length, sourceStart: at, exact });
    }
    this.parts.push(piece);
    this.size += piece.length;
    this.lastChar = piece[piece.length - 1]!;
  }

  /** Appends `piece`, which is value[from, from + piece.length) when exact, mapping it through the value's map. */
  addMapped(piece: string, from: number, exact: boolean, map: OffsetMap): void {
    if (!exact) return this.add(piece, mapOffset(map, from), false);
    let done = 0;
    for (const seg of map) {
      if (done >= piece.length) break;
      const a = from + done;
      if (seg.textEnd <= a || seg.textStart > a) continue;
      const b = Math.min(seg.textEnd, from + piece.length);
      this.add(piece.slice(done, b - from), seg.exact ? seg.sourceStart + (a - seg.textStart) : seg.sourceStart, seg.exact);
      done = b - from;
    }
    if (done < piece.length) this.add(piece.slice(done), mapOffset(map, from + done), false);
  }
}

const ENTITY = /&(?:#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);?/g;

/**
 * Appends plain text that may hold HTML entities ("Sales &amp; Marketing"): text between entities maps
 * exactly, each decoded entity to where it starts.
 */
export function addDecodingEntities(out: TextBuilder, value: string, from: number, to: number, map: OffsetMap): void {
  let pos = from;
  for (const m of value.slice(from, to).matchAll(ENTITY)) {
    const at = from + (m.index ?? 0);
    const decoded = entityDecoder().decodeHTML(m[0]);
    if (decoded === m[0]) continue;
    out.addMapped(value.slice(pos, at), pos, true, map);
    out.addMapped(decoded.replace(/\u00a0/g, " "), at, false, map);
    pos = at + m[0].length;
  }
  out.addMapped(value.slice(pos, to), pos, true, map);
}

export function hasEntities(text: string): boolean {
  ENTITY.lastIndex = 0;
  return ENTITY.test(text);
}
