import { dirname, join, resolve } from "node:path";
import { InputError } from "../data/errors.js";
import type { LintResult } from "../engine/result.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { PostingDocument } from "../model/document.js";
import { lineStarts } from "../model/locator.js";
import { parsePostings, type InputFormat } from "../parsers/index.js";
import { decodeText } from "./decode.js";
import type { CliIo } from "./io.js";

/**
 * --fix: rewrites a flagged posting's title to the top suggested retitle, in place, where the file's own text
 * holds the title verbatim (a Markdown H1 or front matter title, a text title line, an HTML <h1> or <title>,
 * a JSON or JSON-LD "title" string), and in an HTML page's <title> when it repeats the title of an <h1>.
 * Everything else in the file is left byte for byte as it was.
 */

/** Where a title stands in its source file, and the title to put there. Lines and columns are 1-based. */
export interface TitleFix {
  file: string;
  from: string;
  to: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** How the title is written there: as it is, as HTML text, or as a YAML scalar in front matter. */
  context: "plain" | "html" | "yaml";
}

export interface FixOutcome {
  fixed: Array<{ file: string; from: string; to: string }>;
  /** Postings with a retitle that could not be written safely, and why. */
  skipped: Array<{ file: string; reason: string }>;
  /** --fix-dry-run: a unified diff of what --fix would change. */
  diff: string;
}

export interface FixOptions {
  dryRun: boolean;
  inputFormat?: InputFormat;
  csvColumns?: Record<string, string>;
}

export const TEMP_PREFIX = ".jdlint-tmp-";
// A temporary file older than this is stale even if a process with its pid runs (the pid was reused).
const STALE_AFTER_MS = 60 * 60 * 1000;

/** The name of the temporary file a fix writes before renaming it over `name`: recognisable, and per process. */
export function tempName(pid: number, name: string): string {
  return `${TEMP_PREFIX}${pid}-${name}`;
}

function tempPid(name: string): number | null {
  const m = /^\.jdlint-tmp-(\d+)-/.exec(name);
  return m ? Number(m[1]) : null;
}

/** The retitle a result's messages suggest first (the title-duty-mismatch rule's, when it has one). */
export function topRetitle(result: LintResult): string | null {
  const retitles = result.messages.filter((m) => m.suggestions?.some((s) => s.title));
  const first = retitles.find((m) => m.ruleId === "title-duty-mismatch") ?? retitles[0];
  return first?.suggestions?.find((s) => s.title)?.title ?? null;
}

/** The fix for one linted posting: null when nothing suggests a retitle, a reason when the title cannot be rewritten. */
export function planTitleFix(doc: PostingDocument, result: LintResult): TitleFix | { file: string; reason: string } | null {
  const to = topRetitle(result);
  if (!to || to === doc.title) return null;
  const file = result.filePath;
  if (!doc.title || !doc.titleSpan) return { file, reason: "no title in the file to rewrite" };
  if (/[\r\n]/.test(to)) return { file, reason: "the suggested title spans lines" };
  const start = doc.locator.position(doc.titleSpan.start);
  const end = doc.locator.position(doc.titleSpan.end);
  const frontMatter = doc.format === "markdown" && typeof doc.meta.title === "string";
  const context = frontMatter ? "yaml" : doc.format === "html" && doc.raw !== null ? "html" : "plain";
  return { file, from: doc.title, to, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, context };
}

interface Edit {
  start: number;
  end: number;
  text: string;
  fix: TitleFix;
  /** The same retitle in the page's <title> element, besides the title itself (not counted as a fix of its own). */
  pageTitle?: true;
}

/**
 * Where the fix's title stands in the file's text: exactly the title (text, Markdown, HTML), or the title as a
 * JSON string starting there (JSON and JSON-LD point at a value's opening quote). Null when neither holds.
 */
export function locateEdit(text: string, starts: number[], fix: TitleFix): Edit | null {
  const offset = (line: number, column: number) => (starts[line - 1] ?? Number.NaN) + column - 1;
  const start = offset(fix.line, fix.column);
  const end = offset(fix.endLine, fix.endColumn);
  if (!(start >= 0 && end >= start && end <= text.length)) return null;
  if (text.slice(start, end) === fix.from) return { start, end, text: encodeTitle(text, start, end, fix), fix };
  const quoted = JSON.stringify(fix.from);
  if (text.startsWith(quoted, start)) return { start, end: start + quoted.length, text: jsonString(fix.to), fix };
  return null;
}

/** A JSON string safe inside a <script> too. */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(/</g, "\\u003c");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const PAGE_TITLE = /<title\b[^>]*>([^<]*)<\/title\s*>/i;

/**
 * A page's <title> often repeats the posting's title ("Marketing Associate | Acme"): the edit that retitles it
 * there too, when the retitled title stands elsewhere (an <h1>). Null when the <title> does not hold it.
 */
export function pageTitleEdit(text: string, main: Edit): Edit | null {
  if (main.fix.context !== "html") return null;
  const m = PAGE_TITLE.exec(text);
  if (!m) return null;
  const old = escapeHtml(main.fix.from);
  const at = m[1]!.indexOf(old);
  if (at < 0) return null;
  const start = m.index + m[0].indexOf(">") + 1 + at;
  const end = start + old.length;
  if (start < main.end && main.start < end) return null;
  return { start, end, text: escapeHtml(main.fix.to), fix: main.fix, pageTitle: true };
}

function encodeTitle(text: string, start: number, end: number, fix: TitleFix): string {
  if (fix.context === "html") return escapeHtml(fix.to);
  if (fix.context !== "yaml") return fix.to;
  const quote = text[start - 1];
  if (quote === '"' && text[end] === '"') return JSON.stringify(fix.to).slice(1, -1);
  if (quote === "'" && text[end] === "'") return fix.to.replace(/'/g, "''");
  // A plain YAML scalar, unless the title has characters YAML would read otherwise.
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.&/()+'-]*$/u.test(fix.to) && !/ #|: /.test(fix.to) ? fix.to : JSON.stringify(fix.to);
}

type Encoding = { bom: number; codec: "utf8" | "utf16le" | "utf16be" };

function encodingOf(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { bom: 2, codec: "utf16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { bom: 2, codec: "utf16be" };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { bom: 3, codec: "utf8" };
  return { bom: 0, codec: "utf8" };
}

function encode(text: string, codec: Encoding["codec"]): Buffer {
  if (codec === "utf8") return Buffer.from(text, "utf8");
  const le = Buffer.from(text, "utf16le");
  return codec === "utf16le" ? le : le.swap16();
}

/**
 * The file's bytes with the edits made, each spliced in at its own byte range, so that every other byte (line
 * endings, byte-order mark, text in any encoding) stays as it was. Null when the bytes do not hold the text.
 */
function spliceBytes(bytes: Uint8Array, text: string, edits: Edit[], enc: Encoding): Buffer | null {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const from = enc.bom + encode(text.slice(0, edit.start), enc.codec).length;
    const old = encode(text.slice(edit.start, edit.end), enc.codec);
    if (from < at || !Buffer.from(bytes.subarray(from, from + old.length)).equals(old)) return null;
    parts.push(bytes.subarray(at, from), encode(edit.text, enc.codec));
    at = from + old.length;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** A unified diff, hunk per changed line: a fix never adds or removes a line. */
export function lineDiff(file: string, before: string, after: string): string {
  const a = before.split(/\r\n|\n|\r/);
  const b = after.split(/\r\n|\n|\r/);
  const hunks: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) hunks.push(`@@ -${i + 1} +${i + 1} @@\n-${a[i] ?? ""}\n+${b[i] ?? ""}\n`);
  }
  const name = file.replace(/\\/g, "/");
  return hunks.length ? `--- a/${name}\n+++ b/${name}\n${hunks.join("")}` : "";
}

/** Removes temporary files that a killed run left in `dir`: ones whose process is gone, or that are old. */
export async function removeStaleTempFiles(io: CliIo, dir: string): Promise<void> {
  if (!io.listDir || !io.removeFile) return;
  let names: string[];
  try {
    names = await io.listDir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = tempPid(name);
    if (pid === null || pid === io.pid) continue;
    const path = join(dir, name);
    const age = (await io.fileAge?.(path)) ?? 0;
    if (!io.processAlive?.(pid) || age > STALE_AFTER_MS) await io.removeFile(path).catch(() => undefined);
  }
}

/** The titles a fixed text holds, by where each starts: a fix must leave the new title there, read as the title. */
function titlesByStart(knowledge: Knowledge, text: string, file: string, opts: FixOptions): Map<string, string> {
  const titles = new Map<string, string>();
  try {
    for (const doc of parsePostings(knowledge, text, file, { format: opts.inputFormat, csvColumns: opts.csvColumns })) {
      if (doc instanceof InputError || !doc.titleSpan || doc.title === null) continue;
      const at = doc.locator.position(doc.titleSpan.start);
      titles.set(`${at.line}:${at.column}`, doc.title);
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
  return titles;
}

/** Applies (or, for a dry run, diffs) the planned fixes, one file at a time, each written atomically. */
export async function applyFixes(io: CliIo, knowledge: Knowledge, fixes: TitleFix[], opts: FixOptions): Promise<FixOutcome> {
  const outcome: FixOutcome = { fixed: [], skipped: [], diff: "" };
  const byFile = new Map<string, TitleFix[]>();
  for (const fix of fixes) byFile.set(fix.file, [...(byFile.get(fix.file) ?? []), fix]);
  const cleaned = new Set<string>();
  for (const [file, planned] of byFile) {
    const path = resolve(io.cwd, file);
    const skip = (reason: string, which = planned) => outcome.skipped.push(...which.map(() => ({ file, reason })));
    if (!opts.dryRun) {
      if (!io.replaceFile) {
        skip("this environment cannot write files");
        continue;
      }
      const dir = dirname(path);
      if (!cleaned.has(dir)) await removeStaleTempFiles(io, dir);
      cleaned.add(dir);
    }
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(path);
    } catch (e) {
      skip(`cannot read it again to fix it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const decoded = decodeText(bytes);
    if ("error" in decoded) {
      skip(decoded.error);
      continue;
    }
    const { text } = decoded;
    const starts = lineStarts(text);
    const edits: Edit[] = [];
    for (const fix of planned) {
      const edit = locateEdit(text, starts, fix);
      const page = edit ? pageTitleEdit(text, edit) : null;
      if (page && !edits.some((e) => e.start < page.end && page.start < e.end)) edits.push(page);
      if (edit) edits.push(edit);
      else skip(`title "${fix.from}" is not written verbatim in the file (markup, escapes or entities in it), so it is left as it is`, [fix]);
    }
    if (!edits.length) continue;
    const enc = encodingOf(bytes);
    const out = spliceBytes(bytes, text, edits, enc);
    const after = out ? decodeText(out) : null;
    if (!out || !after || "error" in after) {
      skip("the file changed while it was being linted", edits.map((e) => e.fix));
      continue;
    }
    const titles = titlesByStart(knowledge, after.text, file, opts);
    if (edits.some((e) => titles.get(`${e.fix.line}:${e.fix.column}`) !== e.fix.to)) {
      skip("a new title would not read back as the title, so the file is left as it is", edits.map((e) => e.fix));
      continue;
    }
    if (opts.dryRun) outcome.diff += lineDiff(file, text, after.text);
    else {
      try {
        await io.replaceFile!(path, out);
      } catch (e) {
        skip(`cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, edits.map((e) => e.fix));
        continue;
      }
    }
    outcome.fixed.push(...edits.filter((e) => !e.pageTitle).map((e) => ({ file, from: e.fix.from, to: e.fix.to })));
  }
  return outcome;
}
