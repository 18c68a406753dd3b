import type { Knowledge } from "../lexicon/knowledge.js";
import { classifyHeading } from "../model/build.js";
import type { PostingDocument, SectionKind } from "../model/document.js";
import { InputError } from "../data/errors.js";
import { buildFromFields, humanise, jsonField, jsonText, type PostingField, type PostingFields } from "./fields.js";
import { isObject, prop, unlocated, type JsonNode } from "./json-located.js";

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
  return textFieldKind(knowledge, name) ?? "other";
}

/** The kind of a field whose name says it holds posting text, or null for other fields (location, date...). */
export function textFieldKind(knowledge: Knowledge, name: string): SectionKind | null {
  for (const [re, kind] of FIELD_KINDS) if (re.test(name)) return kind;
  return classifyHeading(knowledge, name.replace(/[_-]+/g, " "));
}

/** Where a record is in its file, and how to name it. */
export interface RecordSource {
  /** The file the record came from, for messages. */
  file: string;
  /** The record's own source text (a JSONL line, say), starting at a line start. */
  source: string;
  firstLine: number;
  /** Used when the record has no id of its own. */
  fallbackId: string | null;
  /** Where `source` starts in the text the record's nodes were located in; 0 when located in `source` itself. */
  base?: number;
}

/** The parts every structured posting shares: where it is, and its id. */
export function fieldsBase(node: JsonNode, src: RecordSource, format: string, idKey = "id"): Omit<PostingFields, "title" | "fields" | "meta"> {
  const id = prop(node, idKey)?.value;
  return {
    format,
    recordId: id === undefined || id === null || id === "" || typeof id === "object" ? src.fallbackId : String(id),
    source: src.source,
    base: src.base ?? 0,
    lineOffset: src.firstLine - 1,
  };
}

export function titleText(node: JsonNode | undefined) {
  return typeof node?.value === "string" ? jsonText(node.value, node.start) : null;
}

/** The generic record's fields: its description, then each of its sections under a heading its name gives. */
export function recordFields(knowledge: Knowledge, node: JsonNode, src: RecordSource): PostingFields {
  if (!isObject(node)) throw new InputError(src.file, "a posting record must be a JSON object", src.firstLine);
  const fields: PostingField[] = [];
  const description = jsonField("Description", "other", prop(node, "description"));
  if (description) fields.push(description);
  const sections = prop(node, "sections");
  for (const [name, value] of sections?.props ?? []) {
    const field = jsonField(humanise(name), fieldKind(knowledge, name), value);
    if (field) fields.push(field);
  }
  return { ...fieldsBase(node, src, "record"), title: titleText(prop(node, "title")), fields, meta: {} };
}

/**
 * Builds a document from a record: the title, then each text field as a section whose kind its name gives.
 * Field text may hold HTML or Markdown; positions map to where each value starts in the record's source.
 */
export function parseRecord(knowledge: Knowledge, record: PostingRecord, src: RecordSource, node: JsonNode = unlocated(record)): PostingDocument {
  return buildFromFields(knowledge, recordFields(knowledge, node, src));
}
