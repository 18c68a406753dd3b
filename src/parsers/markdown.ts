import { yamlParser } from "../deps/lazy.js";
import { buildDocument } from "../model/build.js";
import type { PostingDocument } from "../model/document.js";
import { lineAt, Locator } from "../model/locator.js";
import type { Span } from "../model/span.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { InputError } from "../data/errors.js";
import { blocksWithoutTitle, findTextTitle, lineRange } from "./text.js";
import { maskComments } from "./comments.js";

const FRONT_MATTER = /^---[ \t]*(?:\r\n?|\n)([\s\S]*?)(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)/;
// An ATX heading line; its closing `#`s and spaces are cut by headingText, not by the regex: `(.+?)[ \t]*#*[ \t]*$`
// backtracks cubically on a long line of spaces.
const HEADING = /^[ \t]{0,3}(#{1,6})[ \t]+(.+)$/gm;

/** A heading's text without its closing sequence: what `(.+?)[ \t]*#*[ \t]*$` captures, in linear time. */
export function headingText(rest: string): string {
  let end = rest.length;
  while (end > 0 && (rest[end - 1] === " " || rest[end - 1] === "\t")) end--;
  while (end > 0 && rest[end - 1] === "#") end--;
  while (end > 0 && (rest[end - 1] === " " || rest[end - 1] === "\t")) end--;
  return rest.slice(0, Math.max(1, end));
}

export interface FrontMatter {
  data: Record<string, unknown>;
  end: number;
}

/** YAML front matter between `---` lines; throws an InputError naming the line on bad YAML. */
export function readFrontMatter(text: string, file: string): FrontMatter {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { data: {}, end: 0 };
  let data: unknown;
  try {
    // YAML reads a lone \r as part of its line; the file breaks its lines there. The same length keeps offsets.
    data = yamlParser().parse(m[1]!.replace(/\r(?!\n)/g, "\n"), { maxAliasCount: 50 });
  } catch (e) {
    // The error's offset, not its line: YAML counts lines its own way, and the locator's way is the file's.
    const at = (e as { pos?: [number, number] }).pos?.[0];
    const line = at === undefined ? null : lineAt(text, /^---[ \t]*(?:\r\n?|\n)/.exec(text)![0].length + at);
    throw new InputError(file, `front matter is not valid YAML: ${(e as Error).message.split(/\r?\n|\r/)[0]}`, line);
  }
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data)))
    throw new InputError(file, "front matter must be a YAML mapping", 2);
  return { data: (data ?? {}) as Record<string, unknown>, end: m[0].length };
}

/** The span of the front matter's `title:` value, so a fix can rewrite it in place. */
function frontMatterTitleSpan(text: string, end: number, title: string): Span | null {
  // What /^title[ \t]*:[ \t]*(["']?)(.*?)\1[ \t]*$/m captures, without its quadratic backtracking on trailing spaces.
  const m = /^title[ \t]*:[ \t]*(.*)$/m.exec(text.slice(0, end));
  if (!m) return null;
  const value = quotedValue(m[1]!);
  if (value !== title) return null;
  const start = (m.index ?? 0) + m[0].indexOf(value, 6);
  return { start, end: start + value.length };
}

/** A front matter value without trailing spaces and tabs, and without the quotes around it when it has both. */
export function quotedValue(rest: string): string {
  let end = rest.length;
  while (end > 0 && (rest[end - 1] === " " || rest[end - 1] === "\t")) end--;
  const q = rest[0];
  if ((q === '"' || q === "'") && end >= 2 && rest[end - 1] === q) return rest.slice(1, end - 1);
  return rest.slice(0, end);
}

export function parseMarkdown(knowledge: Knowledge, source: string, file = "<text>"): PostingDocument {
  const text = maskComments(source);
  const front = readFrontMatter(text, file);
  let title: string | null = null;
  let titleSpan: Span | null = null;
  let skip: Span | null = null;
  if (typeof front.data.title === "string" && front.data.title.trim()) {
    title = front.data.title.trim();
    titleSpan = frontMatterTitleSpan(text, front.end, front.data.title);
  } else {
    HEADING.lastIndex = front.end;
    const h = HEADING.exec(text);
    if (h) {
      const heading = headingText(h[2]!);
      const start = (h.index ?? 0) + h[0].indexOf(heading, h[1]!.length);
      titleSpan = { start, end: start + heading.length };
      skip = lineRange(text, titleSpan);
    } else {
      titleSpan = findTextTitle(knowledge, text, front.end, text.length);
      if (titleSpan) skip = lineRange(text, titleSpan);
    }
    title = titleSpan ? text.slice(titleSpan.start, titleSpan.end) : null;
  }
  return buildDocument(knowledge, {
    text,
    format: "markdown",
    raw: source,
    title,
    titleSpan,
    blocks: blocksWithoutTitle(knowledge, text, front.end, text.length, skip, true),
    meta: front.data,
    locator: new Locator(text),
  });
}
