import type { PostingDocument } from "../model/document.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { InputError } from "../data/errors.js";
import { lineEndsIn, lineIndexAt, lineStarts } from "../model/locator.js";
import { greenhouseFields, isGreenhouse, isLever, leverFields } from "./ats.js";
import { parseCsv } from "./csv.js";
import { buildFromFields, type PostingFields } from "./fields.js";
import { looksLikeHtmlPage, parseHtml } from "./html.js";
import { isObject, parseJsonLocated, prop, type JsonNode } from "./json-located.js";
import { findJobPostings, indexIds, isJobPosting, jobPostingFields } from "./jsonld.js";
import { parseMarkdown } from "./markdown.js";
import { recordFields, type RecordSource } from "./record.js";
import { parseText } from "./text.js";

/** Containers: how a file holds its postings. */
export const FILE_FORMATS = ["text", "markdown", "html", "json", "jsonl", "csv"] as const;
/** Shapes: what one JSON posting looks like. Detected by its keys; naming one forces it. */
export const JSON_SHAPES = ["jsonld", "greenhouse", "lever", "record"] as const;
export const INPUT_FORMATS = [...FILE_FORMATS, ...JSON_SHAPES] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
export type JsonShape = (typeof JSON_SHAPES)[number];
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** File endings jdlint reads when given a folder. */
export const POSTING_EXTENSIONS: Record<string, FileFormat> = {
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  text: "text",
  html: "html",
  htm: "html",
  json: "json",
  jsonld: "json",
  jsonl: "jsonl",
  ndjson: "jsonl",
  csv: "csv",
  tsv: "csv",
};

export interface ParseOptions {
  /** --input-format: a container, or a JSON shape (then the container is JSON or JSONL, by name or content). */
  format?: InputFormat;
  /** --csv-columns: our field name -> the file's column name. */
  csvColumns?: Record<string, string>;
}

function isShape(format: InputFormat | undefined): format is JsonShape {
  return (JSON_SHAPES as readonly string[]).includes(format ?? "");
}

/** The container a file's name says, or a guess from its first characters. */
export function detectFormat(file: string, text: string): FileFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  const byName = ext ? POSTING_EXTENSIONS[ext] : undefined;
  if (byName) return byName;
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("[")) return "json";
  if (head.startsWith("{")) return /^\{[^\n]*\}[ \t]*\r?\n\s*\{/.test(head) ? "jsonl" : "json";
  if (looksLikeHtmlPage(head)) return "html";
  return /^(---[ \t]*[\r\n]|#{1,6}\s)/m.test(head.slice(0, 4000)) ? "markdown" : "text";
}

/** The container to read a file as: the one --input-format names, else the one its name or content says. */
export function fileFormat(file: string, text: string, format?: InputFormat): FileFormat {
  if (format && !isShape(format)) return format;
  const detected = detectFormat(file, text);
  return format && detected !== "jsonl" ? "json" : detected;
}

/** Which shape a JSON posting has: JSON-LD by its @type, Greenhouse and Lever by their keys, else a generic record. */
export function detectShape(node: JsonNode): JsonShape {
  if (isJobPosting(node)) return "jsonld";
  if (isLever(node)) return "lever";
  if (isGreenhouse(node)) return "greenhouse";
  return "record";
}

/** `ids` are the JSON-LD objects of the file by @id, where a JobPosting's references are looked up. */
function postingFields(knowledge: Knowledge, node: JsonNode, src: RecordSource, shape: JsonShape, ids: Map<string, JsonNode>): PostingFields {
  if (!isObject(node)) throw new InputError(src.file, "a posting must be a JSON object", src.firstLine);
  switch (shape) {
    case "jsonld":
      return jobPostingFields(node, src, ids);
    case "greenhouse":
      return greenhouseFields(node, src);
    case "lever":
      return leverFields(node, src);
    case "record":
      return recordFields(knowledge, node, src);
  }
}

/** The postings a JSON value holds: itself, an array of them, an @graph, or a job board's `{ jobs: [...] }`. */
export function jsonPostings(root: JsonNode, forced?: JsonShape): JsonNode[] {
  if (forced === "jsonld" || (!forced && hasJsonLd(root))) return findJobPostings(root);
  if (root.items) return root.items;
  const jobs = prop(root, "jobs");
  if (jobs?.items && !prop(root, "title")) return jobs.items;
  return [root];
}

function hasJsonLd(node: JsonNode): boolean {
  if (node.items) return node.items.some(hasJsonLd);
  return prop(node, "@context") !== undefined || prop(node, "@graph") !== undefined || isJobPosting(node);
}

/** A JSON file: one posting, an array, an @graph or a job board listing. */
export function parseJson(knowledge: Knowledge, text: string, file: string, shape?: JsonShape): PostingDocument[] {
  const root = parseJsonLocated(text, file);
  const nodes = jsonPostings(root, shape);
  if (nodes.length === 0) throw new InputError(file, "no job posting found (expected a schema.org JobPosting, a posting record, or an array of them)");
  const starts = nodes.length > 1 ? lineStarts(text) : null;
  const ids = hasJsonLd(root) ? indexIds(root) : new Map<string, JsonNode>();
  return nodes.map((node, i) => {
    // Several postings: each gets its own slice of the file, from the start of its first line.
    let base = 0;
    let firstLine = 1;
    if (starts) {
      firstLine = lineIndexAt(starts, node.start) + 1;
      base = starts[firstLine - 1] ?? 0;
    }
    const src = { file, source: starts ? text.slice(base, node.end) : text, firstLine, base, fallbackId: starts ? String(i + 1) : null };
    return buildFromFields(knowledge, postingFields(knowledge, node, src, shape ?? detectShape(node), ids));
  });
}

/** Parses one JSONL line; `line` is its 1-based number in the file, and the record's id when it has none. */
export function parseJsonlLine(knowledge: Knowledge, lineText: string, file: string, line: number, shape?: JsonShape): PostingDocument {
  const node = parseJsonLocated(lineText, file, line);
  const src = { file, source: lineText, firstLine: line, fallbackId: String(line) };
  return buildFromFields(knowledge, postingFields(knowledge, node, src, shape ?? detectShape(node), indexIds(node)));
}

/**
 * Parses a whole input held in memory into one document per posting. A malformed record (a JSONL line)
 * is returned as an InputError in place of its document, so the other records are still linted.
 */
export function* parsePostings(knowledge: Knowledge, text: string, file: string, opts: ParseOptions | InputFormat = {}): Generator<PostingDocument | InputError> {
  const { format, csvColumns } = typeof opts === "string" ? { format: opts, csvColumns: undefined } : opts;
  const shape = isShape(format) ? format : undefined;
  switch (fileFormat(file, text, format)) {
    case "markdown":
      yield parseMarkdown(knowledge, text, file);
      return;
    case "text":
      yield parseText(knowledge, text);
      return;
    case "html":
      yield* parseHtml(knowledge, text, file);
      return;
    case "json":
      yield* parseJson(knowledge, text, file, shape);
      return;
    case "csv":
      yield* parseCsv(knowledge, text, file, csvColumns);
      return;
    case "jsonl": {
      // Records end at \n or \r\n (JSON Lines); a lone \r inside one is a line end too when numbering lines.
      let line = 1;
      for (const lineText of text.split(/\r?\n/)) {
        const at = line;
        line += 1 + lineEndsIn(lineText);
        if (!lineText.trim()) continue;
        try {
          yield parseJsonlLine(knowledge, lineText, file, at, shape);
        } catch (e) {
          if (e instanceof InputError) yield e;
          else throw e;
        }
      }
    }
  }
}
