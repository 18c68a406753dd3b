import { entityDecoder } from "../deps/lazy.js";
import { segmentIndex, type SourceSegment } from "../model/locator.js";

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
  const best = map[segmentIndex(map, offset)];
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
    for (let i = Math.max(0, segmentIndex(map, from)); i < map.length; i++) {
      const seg = map[i]!;
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

/** A string and where its characters stand in the source. */
export interface MappedText {
  value: string;
  map: OffsetMap;
}

/** Builds a string from pieces of a mapped one and from new text, carrying the map along. */
class MappedBuilder {
  private parts: string[] = [];
  private size = 0;
  readonly map: OffsetMap = [];

  constructor(private readonly from: MappedText) {}

  get value(): string {
    return this.parts.join("");
  }

  /** Appends from.value[start, end), each character keeping its place in the source. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    const { value, map } = this.from;
    let at = start;
    for (let i = Math.max(0, segmentIndex(map, start)); i < map.length && at < end; i++) {
      const seg = map[i]!;
      if (seg.textEnd <= at) continue;
      if (seg.textStart > at) this.push(Math.min(seg.textStart, end) - at, mapOffset(map, at), false);
      at = Math.max(at, seg.textStart);
      const stop = Math.min(seg.textEnd, end);
      if (stop > at) this.push(stop - at, seg.exact ? seg.sourceStart + at - seg.textStart : seg.sourceStart, seg.exact);
      at = Math.max(at, stop);
    }
    if (at < end) this.push(end - at, mapOffset(map, at), false);
    this.parts.push(value.slice(start, end));
  }

  /** Appends text that stands for from.value at `at` (a decoded entity, an added line break). */
  insert(text: string, at: number): void {
    if (!text) return;
    this.push(text.length, mapOffset(this.from.map, at), false);
    this.parts.push(text);
  }

  private push(length: number, sourceStart: number, exact: boolean): void {
    this.map.push({ textStart: this.size, textEnd: this.size + length, sourceStart, exact });
    this.size += length;
  }
}

/**
 * Inserts `text` before each match of `re` (global), keeping the map: what is inserted points where the match
 * stands, everything else where it stood.
 */
export function insertBefore(from: MappedText, re: RegExp, text: string): MappedText {
  const out = new MappedBuilder(from);
  let last = 0;
  for (const m of from.value.matchAll(re)) {
    out.copy(last, m.index);
    out.insert(text, m.index);
    last = m.index;
  }
  if (last === 0) return from;
  out.copy(last, from.value.length);
  return { value: out.value, map: out.map };
}

/**
 * Decodes HTML entities, keeping the map: text between entities stands where it stood, each decoded entity
 * points at its "&". The same text as decoding it whole, or (should an entity read otherwise alone) that text
 * pointing at where the string starts.
 */
export function decodeEntitiesMapped(from: MappedText): MappedText {
  const out = new MappedBuilder(from);
  let last = 0;
  for (const m of from.value.matchAll(ENTITY)) {
    const decoded = entityDecoder().decodeHTML(m[0]);
    if (decoded === m[0]) continue;
    out.copy(last, m.index);
    out.insert(decoded, m.index);
    last = m.index + m[0].length;
  }
  out.copy(last, from.value.length);
  const whole = entityDecoder().decodeHTML(from.value);
  const value = out.value;
  return value === whole ? { value, map: out.map } : { value: whole, map: pointMap(whole.length, from.map[0]?.sourceStart ?? 0) };
}
