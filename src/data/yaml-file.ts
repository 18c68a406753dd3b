import type { Document, LineCounter, Node } from "yaml";
import { yamlParser } from "../deps/lazy.js";
import { DataError } from "./errors.js";

// Untrusted YAML (a repository's config) must not blow up memory through aliases or sheer size.
const MAX_YAML_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 50;

/**
 * A parsed YAML file that can say on which line any value stands, so that validation errors name file and line.
 */
export class YamlFile {
  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string, file: string): YamlFile {
    if (text.length > MAX_YAML_BYTES) throw new DataError(file, null, `file is larger than ${MAX_YAML_BYTES} bytes`);
    const { LineCounter, parseDocument } = yamlParser();
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      const line = first.linePos?.[0]?.line ?? lines.linePos(first.pos[0]).line;
      throw new DataError(file, line, first.message.split("\n")[0] ?? "YAML syntax error");
    }
    return new YamlFile(file, doc, lines);
  }

  /** The plain value of the whole file. */
  value(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      throw new DataError(this.file, null, (e as Error).message);
    }
  }

  /** The line of the value at `path` (keys and indexes), or of the nearest ancestor that exists. */
  lineOf(path: (string | number)[]): number | null {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === "object" && "range" in node && node.range) return this.lines.linePos(node.range[0]).line;
      if (n === 0 && (yamlParser().isMap(this.doc.contents) || yamlParser().isSeq(this.doc.contents))) {
        const r = this.doc.contents.range;
        return r ? this.lines.linePos(r[0]).line : null;
      }
    }
    return null;
  }

  error(path: (string | number)[], reason: string): DataError {
    const where = path.length ? ` (at ${path.join(".")})` : "";
    return new DataError(this.file, this.lineOf(path), reason + where);
  }
}

/** Reads a plain object; throws naming file and line otherwise. */
export function asObject(y: YamlFile, v: unknown, path: (string | number)[]): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw y.error(path, "expected a mapping");
  return v as Record<string, unknown>;
}

export function asArray(y: YamlFile, v: unknown, path: (string | number)[]): unknown[] {
  if (!Array.isArray(v)) throw y.error(path, "expected a list");
  return v;
}

export function asString(y: YamlFile, v: unknown, path: (string | number)[]): string {
  if (typeof v !== "string" || v.trim() === "") throw y.error(path, "expected a non-empty string");
  return v;
}

export function asNumber(y: YamlFile, v: unknown, path: (string | number)[], min: number, max: number): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw y.error(path, `expected a number from ${min} to ${max}`);
  return v;
}

export function rejectUnknownKeys(y: YamlFile, obj: Record<string, unknown>, allowed: string[], path: (string | number)[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw y.error([...path, key], `unknown key "${key}" (expected one of: ${allowed.join(", ")})`);
  }
}
