import { entityDecoder } from "../deps/lazy.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { buildDocument, classifyHeading } from "../model/build.js";
import type { PostingDocument, SectionKind, TextComment } from "../model/document.js";
import { Locator } from "../model/locator.js";
import type { Span } from "../model/span.js";
import type { JsonNode } from "./json-located.js";
import { scanBlocks, type Block } from "./blocks.js";
import { commentsIn, maskComments } from "./comments.js";
import { giveFirstLine, keepComments, locateComment, type FieldComment } from "./field-comments.js";
import { appendHtmlFragment, looksLikeEscapedHtml, looksLikeHtml, type BlockSink } from "./html-blocks.js";
import { addDecodingEntities, decodeEntitiesMapped, exactMap, hasEntities, insertBefore, pointMap, TextBuilder, type MappedText, type OffsetMap } from "./source-map.js";

/** A piece of text from a structured posting and where it stands in the source. */
export interface FieldText {
  value: string;
  map: OffsetMap;
  /** Text from a JSON feed, where boards often drop the line breaks between items (see unglue). */
  linesMayBeLost?: boolean;
}

/** One text field of a structured posting: it becomes a section under its own heading. */
export interface PostingField {
  heading: string;
  /** The section kind the field's name gives; null lets the heading's words decide. */
  kind: SectionKind | null;
  /** One text, or several (a list's items, each read as a bullet). */
  parts: FieldText[];
  /** Where the heading points: the field's name in the source. */
  at: number;
}

/**
 * A structured posting (a JSON record, a JobPosting, an ATS export, a CSV row), before it becomes a document.
 * Offsets are into `source`'s containing text; `base` is where `source` starts in it.
 */
export interface PostingFields {
  format: string;
  title: FieldText | null;
  fields: PostingField[];
  recordId: string | null;
  meta: Record<string, unknown>;
  /** The record's own slice of the file, starting at a line start. */
  source: string;
  base: number;
  /** Lines of the file before `source`. */
  lineOffset: number;
  /** Comments of the page around the posting (a careers page around its JSON-LD), located in the file. */
  pageComments?: TextComment[];
}

// Items or an inline heading run together where a board dropped the line breaks: "growth.Responsibilities:Perform",
// "when neededMaintain", "THE OPPORTUNITY:". The word before must be all lowercase, so "JavaScript" is left alone.
// A match is the capital after the glue, so the expression scans fast for capitals; the look-arounds run only
// there (linear time).
const GLUE = /[A-Z](?<=(?:(?<![\p{L}])[a-z]{3,}|[.!?):])[A-Z])(?=[a-z]{2}|[A-Z]+(?:[ &/][A-Z]{2,}){0,3}:)/gu;

/** Restores dropped line breaks between glued items, so that headings and bullets are found. */
export function unglue(text: string): string {
  return text.replace(GLUE, "\n$&");
}

/** unglue, keeping the map: each restored line break points at the capital it stands before. */
export function unglueMapped(text: MappedText): MappedText {
  return insertBefore(text, GLUE, "\n");
}

/** "company_profile" -> "Company profile" */
export function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A text that points, as a whole, at one place in a JSON source: a title (a fix rewrites the JSON string that
 * starts there) or a text built from several values (a salary).
 */
export function jsonText(value: string, start: number): FieldText {
  return { value, map: pointMap(value.length, start), linesMayBeLost: true };
}

/** A JSON string value, each character mapped to where it stands in the source (an escape's to its backslash). */
export function jsonStringText(node: JsonNode & { value: string }): FieldText {
  return { value: node.value, map: node.escapes ?? exactMap(node.value.length, node.start + 1), linesMayBeLost: true };
}

/**
 * Appends a field's text: HTML as HTML (even when escaped once more), anything else as plain or Markdown text.
 * Comments the field's earlier parts left waiting for a line get this part's first line.
 */
export function appendFieldText(sink: BlockSink, part: FieldText, asBullet: boolean): void {
  const carried = sink.pendingNext?.splice(0) ?? [];
  const before = sink.out.length;
  writeFieldText(sink, part, asBullet);
  if (carried.length) giveFirstLine(sink, carried, before);
}

function writeFieldText(sink: BlockSink, part: FieldText, asBullet: boolean): void {
  let { value, map } = part;
  if (looksLikeEscapedHtml(value)) ({ value, map } = decodeEntitiesMapped({ value, map }));
  if (looksLikeHtml(value)) return appendHtmlFragment(sink, value, map);
  // Put back the line breaks boards dropped.
  if (part.linesMayBeLost) ({ value, map } = unglueMapped({ value, map }));
  // Comments are blanked out of the text (offsets kept), and kept for the directives they may hold.
  const comments = sink.comments ? commentsIn(value) : [];
  if (comments.length) value = maskComments(value);
  const from = value.length - value.trimStart().length;
  const to = value.trimEnd().length;
  const start = sink.out.length;
  if (comments.length) keepComments(sink, comments, { value, map }, from, to, start);
  if (to <= from) return;
  if (hasEntities(value)) addDecodingEntities(sink.out, value, from, to, map);
  else sink.out.addMapped(value.slice(from, to), from, true, map);
  const end = sink.out.length;
  if (asBullet && !/[\r\n]/.test(value)) sink.blocks.push({ type: "bullet", start, end });
  else sink.blocks.push(...scanBlocks(sink.out.text, start, end, { markdown: true, isHeading: sink.isHeading }));
  sink.out.separate("\n");
}

/** The one way a structured posting becomes a document: title, then each field as a section. */
export function buildFromFields(knowledge: Knowledge, posting: PostingFields): PostingDocument {
  const out = new TextBuilder(posting.base);
  const blocks: Block[] = [];
  const comments: FieldComment[] = [];
  const sink: BlockSink = { out, blocks, isHeading: (t) => classifyHeading(knowledge, t) !== null, comments, pendingNext: [] };
  let title: string | null = null;
  let titleSpan: Span | null = null;
  const raw = posting.title?.value ?? "";
  const titleValue = (hasEntities(raw) ? entityDecoder().decodeHTML(raw) : raw).replace(/\s+/g, " ").trim();
  if (posting.title && titleValue) {
    const lead = raw.length - raw.trimStart().length;
    out.addMapped(titleValue, lead, titleValue === raw.trim(), posting.title.map);
    title = titleValue;
    titleSpan = { start: 0, end: out.length };
    out.separate("\n\n");
  }
  posting.fields.forEach((field, i) => {
    if (!field.parts.some((p) => p.value.trim())) return;
    const headingStart = out.length;
    out.add(field.heading, field.at, false);
    blocks.push({ type: "heading", start: headingStart, end: out.length, kind: field.kind ?? undefined });
    out.add("\n", field.at, false);
    sink.field = i;
    for (const part of field.parts) appendFieldText(sink, part, field.parts.length > 1);
    // A comment at the end of a field has no line after it: the next field's heading is not one.
    sink.pendingNext!.length = 0;
    out.separate("\n");
  });
  const locator = new Locator(posting.source, out.segments, posting.lineOffset);
  return buildDocument(knowledge, {
    text: out.text,
    format: posting.format,
    title,
    titleSpan,
    blocks,
    meta: posting.meta,
    recordId: posting.recordId,
    locator,
    comments: [...(posting.pageComments ?? []), ...comments.map((c) => locateComment(c, locator, posting.base))].sort(
      (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
    ),
  });
}

/** A JSON node's text: a string, or a list of strings (and of objects naming one, like a DefinedTerm). */
export function textParts(node: JsonNode | undefined): FieldText[] {
  if (!node) return [];
  if (typeof node.value === "string") return [jsonStringText(node as JsonNode & { value: string })];
  if (node.items) return node.items.flatMap((item) => textParts(item));
  if (node.props) return textParts(node.props.get("description") ?? node.props.get("name"));
  return [];
}

/** A field built from a JSON node, pointing at the node's key in the source. */
export function jsonField(heading: string, kind: SectionKind | null, node: JsonNode | undefined): PostingField | null {
  const parts = textParts(node);
  return parts.length > 0 ? { heading, kind, parts, at: node!.start } : null;
}
