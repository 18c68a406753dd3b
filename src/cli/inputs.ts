import { resolve } from "node:path";
import { InputError } from "../data/errors.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { PostingDocument } from "../model/document.js";
import { fileFormat, parseJsonlLine, parsePostings, POSTING_EXTENSIONS, type InputFormat, type JsonShape } from "../parsers/index.js";
import { decodeText } from "./decode.js";
import { DEFAULT_FETCH_LIMITS, fetchPage, FetchError, isUrl, type FetchLimits } from "./fetch.js";
import type { CliIo } from "./io.js";
import { lineEndsIn } from "../model/locator.js";

/** A posting read from an input, or one line saying why an input (or a record in it) could not be read. */
export type InputItem = { file: string; doc: PostingDocument } | { file: string; error: string; line: number | null };

export interface ReadOptions {
  inputFormat?: InputFormat;
  /** The name standard input stands for: its ending chooses the format. */
  stdinFilename?: string;
  /** --csv-columns: our field name -> the file's column name. */
  csvColumns?: Record<string, string>;
  fetchLimits?: FetchLimits;
  /**
   * The largest posting read, in bytes: a posting file's size, or a record's text (a JSON, JSONL or CSV record).
   * A number (--max-posting-size), or the limit for an input (from its config). DEFAULT_MAX_POSTING_SIZE if unset.
   */
  maxPostingSize?: number | ((file: string) => Promise<number | null>);
}

/** A posting is a page or two of text: 5 MB is far more than any real one, and bounds the work on a hostile one. */
export const DEFAULT_MAX_POSTING_SIZE = 5 * 1024 * 1024;

/** "5 MB", "512 KB", "300 bytes" */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

const EMPTY = "the input is empty: no posting to lint";

function tooLarge(size: number | null, limit: number): string {
  return `posting is larger than the ${formatSize(limit)} limit${size === null ? "" : ` (${formatSize(size)})`}; raise it with --max-posting-size or maxPostingSize in the config`;
}

/** The posting-size limit for a file: --max-posting-size, else its config's maxPostingSize, else the default. */
export async function limitFor(file: string, opts: ReadOptions): Promise<number> {
  const limit = typeof opts.maxPostingSize === "function" ? await opts.maxPostingSize(file) : opts.maxPostingSize;
  return limit ?? DEFAULT_MAX_POSTING_SIZE;
}

/** The argument that stands for standard input. */
export const STDIN = "-";

/** One plain reason for a file that cannot be read. */
export function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
      return "permission denied";
    case "EISDIR":
      return "is a folder";
    default:
      return `cannot read (${code ?? (e as Error).message})`;
  }
}

/** Reads, decodes and parses each input in turn; a bad input becomes an error item and the rest go on. */
export async function* readInputs(knowledge: Knowledge, files: string[], io: CliIo, opts: ReadOptions): AsyncGenerator<InputItem> {
  for (const file of files) {
    const limit = await limitFor(file === STDIN ? (opts.stdinFilename ?? "<stdin>") : file, opts);
    const withLimit = { ...opts, maxPostingSize: limit };
    if (isUrl(file)) yield* readUrl(knowledge, file, withLimit);
    else if (file === STDIN) yield* readStdin(knowledge, io, withLimit);
    else yield* readFile(knowledge, file, io, withLimit);
  }
}

/** The container a name alone says (or --input-format), before reading anything. */
export function formatByName(name: string, format: InputFormat | undefined) {
  if (format && !shapeOf(format)) return format;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext ? POSTING_EXTENSIONS[ext] : undefined;
}

export function shapeOf(format: InputFormat | undefined): JsonShape | undefined {
  return format === "jsonld" || format === "greenhouse" || format === "lever" || format === "record" ? format : undefined;
}

async function* readFile(knowledge: Knowledge, file: string, io: CliIo, opts: ReadOptions): AsyncGenerator<InputItem> {
  const path = resolve(io.cwd, file);
  if (formatByName(file, opts.inputFormat) === "jsonl" && io.readChunks) {
    yield* streamJsonl(knowledge, file, io.readChunks(path), opts);
    return;
  }
  // A posting file larger than the limit is not read whole; a file of records (JSON, CSV) may be, but each record is held to it.
  const single = formatByName(file, opts.inputFormat);
  if (single && single !== "json" && single !== "csv" && io.readChunks) {
    yield* readSmall(knowledge, file, io.readChunks(path), opts);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    yield { file, error: readError(e), line: null };
    return;
  }
  yield* parseBytes(knowledge, file, file, bytes, opts, opts.inputFormat);
}

/** Reads a posting file in chunks, stopping as soon as it is larger than the limit. */
async function* readSmall(knowledge: Knowledge, file: string, chunks: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<InputItem> {
  const limit = opts.maxPostingSize as number;
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > limit) {
        // Leaving the loop closes the file: the rest of it is never read.
        yield { file, error: tooLarge(null, limit), line: null };
        return;
      }
      parts.push(chunk);
    }
  } catch (e) {
    yield { file, error: readError(e), line: null };
    return;
  }
  yield* parseBytes(knowledge, file, file, Buffer.concat(parts), opts, opts.inputFormat);
}

async function* readStdin(knowledge: Knowledge, io: CliIo, opts: ReadOptions): AsyncGenerator<InputItem> {
  const name = opts.stdinFilename ?? "<stdin>";
  if (!io.stdin) {
    yield { file: name, error: "standard input is not available", line: null };
    return;
  }
  const nameForFormat = opts.stdinFilename ?? "";
  if (formatByName(nameForFormat, opts.inputFormat) === "jsonl") {
    yield* streamJsonl(knowledge, name, io.stdin.chunks(), opts);
    return;
  }
  const parts: Uint8Array[] = [];
  try {
    for await (const chunk of io.stdin.chunks()) parts.push(chunk);
  } catch (e) {
    yield { file: name, error: readError(e), line: null };
    return;
  }
  yield* parseBytes(knowledge, name, nameForFormat, Buffer.concat(parts), opts, opts.inputFormat);
}

async function* readUrl(knowledge: Knowledge, url: string, opts: ReadOptions): AsyncGenerator<InputItem> {
  let page;
  try {
    page = await fetchPage(url, opts.fetchLimits ?? DEFAULT_FETCH_LIMITS);
  } catch (e) {
    if (!(e instanceof FetchError)) throw e;
    yield { file: url, error: e.message, line: null };
    return;
  }
  // The server's media type says what the page is, unless --input-format says otherwise.
  const byType: InputFormat | undefined = /html/.test(page.mediaType ?? "") ? "html" : /json/.test(page.mediaType ?? "") ? "json" : undefined;
  const legacy = page.charset && !/^(utf-?8|utf-?16(le|be)?)$/.test(page.charset) ? legacyDecoder(page.charset) : null;
  if (legacy) {
    yield* parseText(knowledge, url, new URL(page.url).pathname, legacy.decode(page.bytes), opts, opts.inputFormat ?? byType);
    return;
  }
  yield* parseBytes(knowledge, url, new URL(page.url).pathname, page.bytes, opts, opts.inputFormat ?? byType);
}

/** A decoder for a charset a page declares (windows-1252, say), where every byte is some character. */
function legacyDecoder(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset);
  } catch {
    return null;
  }
}

/** `file` names the input in messages; `name` is the name whose ending may say the format. */
function* parseBytes(knowledge: Knowledge, file: string, name: string, bytes: Uint8Array, opts: ReadOptions, format: InputFormat | undefined): Generator<InputItem> {
  const decoded = decodeText(bytes);
  if ("error" in decoded) {
    yield { file, error: decoded.error, line: null };
    return;
  }
  yield* parseText(knowledge, file, name, decoded.text, opts, format, bytes.length);
}

function* parseText(
  knowledge: Knowledge,
  file: string,
  name: string,
  text: string,
  opts: ReadOptions,
  format: InputFormat | undefined,
  size = text.length,
): Generator<InputItem> {
  const limit = opts.maxPostingSize as number;
  if (!/[^\s\uFEFF]/.test(text)) {
    yield { file, error: EMPTY, line: null };
    return;
  }
  const container = fileFormat(name, text, format);
  // A file that is one posting is held to the limit whole; a file of records, record by record.
  if (container !== "json" && container !== "csv" && container !== "jsonl" && size > limit) {
    yield { file, error: tooLarge(size, limit), line: null };
    return;
  }
  try {
    for (const doc of parsePostings(knowledge, text, name, { format, csvColumns: opts.csvColumns })) {
      if (doc instanceof InputError) yield { file, error: doc.reason, line: doc.line };
      else if (doc.text.length > limit) yield { file, error: tooLarge(doc.text.length, limit), line: doc.locator.position(0).line };
      else yield { file, doc };
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    yield { file, error: e.reason, line: e.line };
  }
}

/** Lints a JSONL stream line by line: a malformed line is reported with its number and the rest go on. */
async function* streamJsonl(knowledge: Knowledge, file: string, chunks: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<InputItem> {
  const shape = shapeOf(opts.inputFormat);
  let empty = true;
  try {
    for await (const item of lines(chunks, opts.maxPostingSize as number)) {
      if ("error" in item) {
        empty = false;
        yield { file, error: item.error, line: item.line };
        continue;
      }
      if (!item.text.trim()) continue;
      empty = false;
      try {
        yield { file, doc: parseJsonlLine(knowledge, item.text, file, item.line, shape) };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        yield { file, error: e.reason, line: e.line };
      }
    }
    if (empty) yield { file, error: EMPTY, line: null };
  } catch (e) {
    // Only the file system's errors (no such file...) are the input's fault.
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    yield { file, error: readError(e), line: null };
  }
}

type Line = { line: number; text: string } | { line: number; error: string };

const CR = 13;

/** How many \r bytes a chunk holds. */
function countCr(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(CR); i >= 0; i = bytes.indexOf(CR, i + 1)) n++;
  return n;
}

/**
 * The lines of a byte stream, one at a time, so memory is bounded by the longest line, however long the
 * file (a line longer than `maxLineBytes` is reported, not held). UTF-8 lines are decoded one by one, so one bad
 * line is reported and the others are still read. Lines end at \n or \r\n; each is numbered as the locator
 * numbers lines, so a lone \r inside one moves the next line's number on too.
 */
export async function* lines(chunks: AsyncIterable<Uint8Array>, maxLineBytes = DEFAULT_MAX_POSTING_SIZE): AsyncGenerator<Line> {
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let tooLong = false;
  /** The number of the line being read, and the \r bytes in it so far (kept when its bytes are dropped). */
  let line = 1;
  let crs = 0;
  let lastByte = -1;
  let started = false;
  let utf16: TextDecoder | null = null;
  let text = "";
  // A UTF-16 line over the limit: reported, and its text dropped up to the next line break.
  let skipping = false;
  let skippedBreaks = 0;
  /** The current line's number, moving on past it: one line end, and each lone \r inside it. */
  const advance = (loneCrs: number) => {
    const at = line;
    line += 1 + loneCrs;
    return at;
  };
  const finish = (bytes: Uint8Array): Line => {
    // A \r just before the \n is half of a \r\n, not a line end of its own.
    const at = advance(crs - (lastByte === CR ? 1 : 0));
    crs = 0;
    lastByte = -1;
    if (tooLong) return { line: at, error: tooLarge(null, maxLineBytes) };
    const decoded = decodeText(bytes);
    if ("error" in decoded) return { line: at, error: decoded.error };
    return { line: at, text: decoded.text.replace(/\r$/, "") };
  };
  const take = (bytes: Uint8Array) => {
    if (!bytes.length) return;
    crs += countCr(bytes);
    lastByte = bytes[bytes.length - 1]!;
  };
  for await (const chunk of chunks) {
    if (!started && !utf16) {
      started = chunk.length > 0;
      const bom = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : null;
      if (bom) utf16 = new TextDecoder(bom, { fatal: true });
    }
    if (utf16) {
      // UTF-16 cannot be split on newline bytes: decode as a stream, then split the text.
      try {
        text += utf16.decode(chunk, { stream: true });
      } catch {
        yield { line, error: "not valid UTF-16 text" };
        return;
      }
      let nl;
      while ((nl = text.indexOf("\n")) >= 0) {
        const lineText = text.slice(0, nl);
        if (skipping) advance(skippedBreaks + lineEndsIn(lineText, "\n"));
        else {
          const at = advance(lineEndsIn(lineText, "\n"));
          yield { line: at, text: lineText.replace(/^\uFEFF/, "").replace(/\r$/, "") };
        }
        skipping = false;
        skippedBreaks = 0;
        text = text.slice(nl + 1);
      }
      if (text.length * 2 > maxLineBytes) {
        if (!skipping) yield { line, error: tooLarge(null, maxLineBytes) };
        skipping = true;
        // A \r at the end may be half of a \r\n: keep it for the next chunk to say.
        const keep = text.endsWith("\r") ? 1 : 0;
        skippedBreaks += lineEndsIn(text.slice(0, text.length - keep));
        text = text.slice(text.length - keep);
      }
      continue;
    }
    let from = 0;
    let nl;
    while ((nl = chunk.indexOf(10, from)) >= 0) {
      const tail = chunk.subarray(from, nl);
      take(tail);
      if (pendingSize + tail.length > maxLineBytes) tooLong = true;
      const bytes = tooLong ? tail.subarray(0, 0) : pending.length ? Buffer.concat([...pending, tail]) : tail;
      yield finish(bytes);
      pending = [];
      pendingSize = 0;
      tooLong = false;
      from = nl + 1;
    }
    const rest = chunk.subarray(from);
    take(rest);
    pendingSize += rest.length;
    if (pendingSize > maxLineBytes) tooLong = true;
    if (!tooLong && rest.length) pending.push(rest);
    else pending = [];
  }
  if (utf16) {
    try {
      text += utf16.decode();
    } catch {
      yield { line, error: "not valid UTF-16 text" };
      return;
    }
    if (text && !skipping) yield { line, text: text.replace(/\r$/, "") };
  } else if (pendingSize > 0) {
    yield finish(Buffer.concat(pending));
  }
}
