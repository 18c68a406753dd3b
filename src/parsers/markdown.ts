import { parse as parseYaml } from "yaml";
import { buildDocument } from "../model/build.js";
import type { PostingDocument } from "../model/document.js";
import { Locator } from "../model/locator.js";
import type { Span } from "../model/span.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { InputError } from "../data/errors.js";
import { blocksWithoutTitle, findTextTitle, lineRange } from "./text.js";
import { maskComments } from "./comments.js";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const HEADING = /^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/gm;

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
    data = parseYaml(m[1]!, { maxAliasCount: 50 });
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new InputError(file, `front matter is not valid YAML: ${(e as Error).message.split("\n")[0]}`, line ? line + 1 : null);
  }
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data)))
    throw new InputError(file, "front matter must be a YAML mapping", 2);
  return { data: (data ?? {}) as Record<string, unknown>, end: m[0].length };
}

/** The span of the front matter's `title:` value, so a fix can rewrite it in place. */
function frontMatterTitleSpan(text: string, end: number, title: string): Span | null {
  const m = /^title[ \t]*:[ \t]*(["']?)(.*?)\1[ \t]*$/m.exec(text.slice(0, end));
  if (!m || m[2] !== title) return null;
  const start = (m.index ?? 0) + m[0].indexOf(m[2]!, 6);
  return { start, end: start + m[2]!.length };
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
      const start = (h.index ?? 0) + h[0].indexOf(h[2]!, h[1]!.length);
      titleSpan = { start, end: start + h[2]!.length };
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
