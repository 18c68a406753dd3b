import type { PostingDocument } from "../model/document.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import { InputError } from "../data/errors.js";
import { parseMarkdown } from "./markdown.js";
import { parseRecord, type PostingRecord } from "./record.js";
import { parseText } from "./text.js";

export const INPUT_FORMATS = ["text", "markdown", "json", "jsonl"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** File endings jdlint reads when given a folder. */
export const POSTING_EXTENSIONS: Record<string, InputFormat> = {
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  text: "text",
  json: "json",
  jsonl: "jsonl",
  ndjson: "jsonl",
};

/** The format a file's name says, or a guess from its first characters. */
export function detectFormat(file: string, text: string): InputFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  const byName = ext ? POSTING_EXTENSIONS[ext] : undefined;
  if (byName) return byName;
  const head = text.trimStart();
  if (head.startsWith("[")) return "json";
  if (head.startsWith("{")) return /^\{[^\n]*\}\s*\n\s*\{/.test(head) ? "jsonl" : "json";
  return /^(---\s*\n|#{1,6}\s)/m.test(head.slice(0, 4000)) ? "markdown" : "text";
}

function parseJson(knowledge: Knowledge, text: string, file: string): PostingDocument[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, `not valid JSON: ${(e as Error).message}`);
  }
  const records = Array.isArray(value) ? value : [value];
  return records.map((r, i) =>
    parseRecord(knowledge, r as PostingRecord, { file, source: text, firstLine: 1, fallbackId: records.length > 1 ? String(i + 1) : null }),
  );
}

/** Parses one JSONL line; `line` is its 1-based number in the file. */
export function parseJsonlLine(knowledge: Knowledge, lineText: string, file: string, line: number): PostingDocument {
  let value: unknown;
  try {
    value = JSON.parse(lineText);
  } catch (e) {
    throw new InputError(file, `not valid JSON: ${(e as Error).message}`, line);
  }
  return parseRecord(knowledge, value as PostingRecord, { file, source: lineText, firstLine: line, fallbackId: String(line) });
}

/**
 * Parses a whole file held in memory into one document per posting. A malformed JSONL line is returned as
 * an InputError in place of its document, so the other lines are still linted.
 */
export function parsePostings(knowledge: Knowledge, text: string, file: string, format?: InputFormat): Array<PostingDocument | InputError> {
  const fmt = format ?? detectFormat(file, text);
  switch (fmt) {
    case "markdown":
      return [parseMarkdown(knowledge, text, file)];
    case "text":
      return [parseText(knowledge, text)];
    case "json":
      return parseJson(knowledge, text, file);
    case "jsonl": {
      const out: Array<PostingDocument | InputError> = [];
      text.split(/\r?\n/).forEach((lineText, i) => {
        if (!lineText.trim()) return;
        try {
          out.push(parseJsonlLine(knowledge, lineText, file, i + 1));
        } catch (e) {
          if (e instanceof InputError) out.push(e);
          else throw e;
        }
      });
      return out;
    }
  }
}
