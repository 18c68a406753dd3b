import { buildDocument } from "../model/build.js";
import type { PostingDocument, SectionKind } from "../model/document.js";
import { Locator, type SourceSegment } from "../model/locator.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { InputError } from "../data/errors.js";
import { scanBlocks, type Block } from "./blocks.js";
import { classifyHeading } from "../model/build.js";
import { htmlToText } from "./html-text.js";

/** The generic posting record: `{ id?, title, description?, sections?: { name: text } }`. */
export interface PostingRecord {
  id?: string | number | null;
  title?: string | null;
  description?: string | null;
  sections?: Record<string, unknown> | null;
  [key: string]: unknown;
}

// Field names of common exports and what they hold.
const FIELD_KINDS: Array<[RegExp, SectionKind]> = [
  [/company|about_?us|employer|organi[sz]ation/i, "company"],
  [/benefit|compensation|salary|pay|perk|offer/i, "benefits"],
  [/require|qualif|skill|experience|education/i, "requirements"],
  [/responsib|dut(y|ies)|tasks|role|what_you/i, "duties"],
  [/description|summary|body|text|content|details/i, "other"],
];

export function fieldKind(knowledge: Knowledge, name: string): SectionKind {
  for (const [re, kind] of FIELD_KINDS) if (re.test(name)) return kind;
  return classifyHeading(knowledge, name.replace(/[_-]+/g, " ")) ?? "other";
}

function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface RecordSource {
  /** The file the record came from, for messages. */
  file: string;
  /** The record's own source text (a JSONL line, say) and where it starts in the file. */
  source: string;
  firstLine: number;
  /** Used when the record has no id of its own. */
  fallbackId: string | null;
}

/**
 * Builds a document from a record: the title, then each text field as a section whose kind its name gives.
 * Field text may hold HTML or Markdown; positions map to where each value starts in the record's source.
 */
export function parseRecord(knowledge: Knowledge, record: PostingRecord, src: RecordSource): PostingDocument {
  if (record === null || typeof record !== "object" || Array.isArray(record))
    throw new InputError(src.file, "a posting record must be a JSON object", src.firstLine);
  const title = typeof record.title === "string" && record.title.trim() ? record.title.trim() : null;
  const fields: Array<[string, string]> = [];
  if (typeof record.description === "string") fields.push(["description", record.description]);
  if (record.sections && typeof record.sections === "object") {
    for (const [name, value] of Object.entries(record.sections)) {
      if (typeof value === "string") fields.push([name, value]);
    }
  }
  let text = "";
  const segments: SourceSegment[] = [];
  const blocks: Block[] = [];
  const where = (key: string) => Math.max(0, src.source.indexOf(`"${key}"`));
  const append = (piece: string, sourceStart: number) => {
    segments.push({ textStart: text.length, textEnd: text.length + piece.length, sourceStart, exact: false });
    text += piece;
  };
  let titleSpan = null;
  if (title) {
    append(title, where("title"));
    titleSpan = { start: 0, end: title.length };
    append("\n\n", where("title"));
  }
  for (const [name, raw] of fields) {
    const body = htmlToText(raw).trim();
    if (!body) continue;
    const heading = humanise(name);
    const at = where(name);
    const headingStart = text.length;
    append(heading, at);
    blocks.push({ type: "heading", start: headingStart, end: text.length, kind: fieldKind(knowledge, name) });
    append("\n", at);
    const bodyStart = text.length;
    append(body, at);
    const isHeading = (t: string) => classifyHeading(knowledge, t) !== null;
    blocks.push(...scanBlocks(text, bodyStart, text.length, { markdown: true, isHeading }));
    append("\n\n", at);
  }
  const id = record.id === undefined || record.id === null || record.id === "" ? src.fallbackId : String(record.id);
  return buildDocument(knowledge, {
    text,
    format: "record",
    title,
    titleSpan,
    blocks,
    meta: {},
    recordId: id,
    locator: new Locator(src.source, segments, src.firstLine - 1),
  });
}
