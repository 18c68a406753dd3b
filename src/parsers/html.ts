import type { DefaultTreeAdapterTypes as T } from "parse5";
import { htmlParser } from "../deps/lazy.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { buildDocument, classifyHeading } from "../model/build.js";
import type { PostingDocument, TextComment } from "../model/document.js";
import { Locator } from "../model/locator.js";
import type { Location, Span } from "../model/span.js";
import type { Block } from "./blocks.js";
import { buildFromFields } from "./fields.js";
import { commentNodes, elements, elementsWithAncestry, HtmlWriter, type BlockSink } from "./html-blocks.js";
import { parseJsonLocated, type JsonNode } from "./json-located.js";
import { findJobPostings, indexIds, jobPostingFields } from "./jsonld.js";
import { exactMap, TextBuilder } from "./source-map.js";

// "Marketing Manager | Acme Careers": the page title's first part names the job.
const SITE_SUFFIX = /\s+[|–—·•-]\s+|\s+::\s+/;

/** Whether text is an HTML page rather than a posting that merely mentions a tag. */
export function looksLikeHtmlPage(text: string): boolean {
  // What /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i says, in linear time:
  // the regex backtracked exponentially over many comments. A comment may run to any later `-->`.
  const opening = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/iy;
  const at = (i: number) => {
    opening.lastIndex = skipSpace(text, i);
    return opening.test(text);
  };
  const first = skipSpace(text, 0);
  if (at(first)) return true;
  if (!text.startsWith("<!--", first)) return false;
  for (let end = text.indexOf("-->", first + 4); end >= 0; end = text.indexOf("-->", end + 1)) {
    if (at(end + 3)) return true;
  }
  return false;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** JobPostings in the page's JSON-LD scripts; a script that is not valid JSON is passed over, as browsers do. */
function jsonLdPostings(source: string, root: T.Document): Array<{ node: JsonNode; ids: Map<string, JsonNode> }> {
  const found: Array<{ node: JsonNode; ids: Map<string, JsonNode> }> = [];
  for (const el of elements(root)) {
    if (el.tagName !== "script") continue;
    const type = el.attrs.find((a) => a.name === "type")?.value.trim().toLowerCase();
    const text = el.childNodes[0];
    if (type !== "application/ld+json" || !text?.sourceCodeLocation) continue;
    const { startOffset, endOffset } = text.sourceCodeLocation;
    // The script's own source, not its normalised text, so that offsets are file offsets.
    try {
      const json = parseJsonLocated(source.slice(startOffset, endOffset), "<json-ld>", 1, startOffset);
      const ids = indexIds(json);
      found.push(...findJobPostings(json).map((node) => ({ node, ids })));
    } catch {
      continue;
    }
  }
  return found;
}

/**
 * The page's comments, for the directives they hold over the page's JSON-LD postings: each located in the file,
 * with the file's next line as the one a disable-next-line covers, as in an HTML page read as text.
 */
function commentsOfPage(source: string, root: T.Document): TextComment[] {
  const locator = new Locator(source);
  const out: TextComment[] = [];
  for (const node of commentNodes(root)) {
    const loc = node.sourceCodeLocation;
    if (!loc) continue;
    const start = locator.sourcePosition(loc.startOffset);
    const end = locator.sourcePosition(loc.endOffset);
    const lineEnd = /\r\n?|\n/g;
    lineEnd.lastIndex = loc.endOffset;
    const after = lineEnd.exec(source);
    let nextLine: Location | null = null;
    if (after) {
      const from = after.index + after[0].length;
      lineEnd.lastIndex = from;
      const to = lineEnd.exec(source)?.index ?? source.length;
      const a = locator.sourcePosition(from);
      const b = locator.sourcePosition(to);
      nextLine = { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
    }
    out.push({ text: source.slice(loc.startOffset, loc.endOffset), location: { ...start, endLine: end.line, endColumn: end.column }, nextLine, field: null });
  }
  return out;
}

/** The first element with this tag, in document order, with no hidden element (but <head>) around it. */
function firstVisible(root: T.Node, tag: string): T.Element | null {
  for (const { el, hiddenAbove } of elementsWithAncestry(root)) {
    if (el.tagName === tag && !hiddenAbove) return el;
  }
  return null;
}

/**
 * A careers page: its schema.org JobPosting JSON-LD when it has one (one document per posting), else its
 * visible text, with the <h1> (or the <title>) as the title and headings and lists as sections.
 */
export function parseHtml(knowledge: Knowledge, source: string, file = "<html>"): PostingDocument[] {
  const root = htmlParser().parse(source, { sourceCodeLocationInfo: true });
  const postings = jsonLdPostings(source, root);
  if (postings.length > 0) {
    const pageComments = commentsOfPage(source, root);
    return postings.map(({ node, ids }, i) =>
      buildFromFields(knowledge, {
        ...jobPostingFields(node, { file, source, firstLine: 1, fallbackId: postings.length > 1 ? String(i + 1) : null }, ids),
        format: "html",
        pageComments,
      }),
    );
  }
  const out = new TextBuilder();
  const blocks: Block[] = [];
  const sink: BlockSink = { out, blocks, isHeading: (t) => classifyHeading(knowledge, t) !== null };
  const writer = new HtmlWriter(sink, source, exactMap(source.length, 0));
  // The title is written first, into a scratch block list, so that it opens no section.
  const h1 = firstVisible(root, "h1");
  const titleElement = h1 ?? firstVisible(root, "title");
  let titleSpan: Span | null = null;
  if (titleElement) {
    writer.write(titleElement, "heading");
    writer.flush();
    const written = blocks[0];
    blocks.length = 0;
    if (written) {
      const text = out.text.slice(written.start, written.end);
      const cut = titleElement === h1 ? -1 : text.search(SITE_SUFFIX);
      titleSpan = { start: written.start, end: cut > 0 ? written.start + cut : written.end };
    }
  }
  const body = firstVisible(root, "body") ?? root;
  writer.write(body, "paragraph", h1);
  writer.flush();
  return [
    buildDocument(knowledge, {
      text: out.text,
      format: "html",
      raw: source,
      title: titleSpan ? out.text.slice(titleSpan.start, titleSpan.end) : null,
      titleSpan,
      blocks,
      locator: new Locator(source, out.segments),
    }),
  ];
}
