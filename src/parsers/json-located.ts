import { InputError } from "../data/errors.js";
import { lineAt, type SourceSegment } from "../model/locator.js";

/** A JSON value and where it stands in its source, so evidence can point at the field it came from. */
export interface JsonNode {
  value: unknown;
  /** Offset of the value's first character (a string's opening quote). */
  start: number;
  end: number;
  props?: Map<string, JsonNode>;
  items?: JsonNode[];
  /**
   * For a string holding escapes: where each of its characters stands in the source. The characters between
   * escapes stand there exactly; each escape's one character points at its backslash. Absent when the string
   * has no escape, so that it stands verbatim after its opening quote.
   */
  escapes?: SourceSegment[];
}

/**
 * Parses JSON text into located nodes; throws an InputError naming the line on invalid JSON.
 * `offset` is added to every position: where `text` starts in a larger source (a script in a page, say).
 */
export function parseJsonLocated(text: string, file: string, firstLine = 1, offset = 0): JsonNode {
  try {
    JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = errorOffset(message, text);
    const line = firstLine + lineAt(text, at) - 1;
    throw new InputError(file, `not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/\s+/g, " ")}`, line);
  }
  // Valid JSON from here on, so the scanner below need not report errors but one. It recurses, as do the
  // readers of its nodes: it stops at a bracket nested too deep, so that `[[[[...]]]]` is an input error, not
  // a stack overflow.
  const scanner = new Scanner(text, offset);
  const root = scanner.value(0);
  if (root === null) {
    const line = firstLine + lineAt(text, scanner.position) - 1;
    throw new InputError(file, `JSON is nested more than ${MAX_JSON_DEPTH} levels deep`, line);
  }
  return root;
}

/** No posting needs more: schema.org JSON-LD nests a handful of levels. */
export const MAX_JSON_DEPTH = 256;

/**
 * Where JSON.parse stopped: V8 gives a position, or quotes the text around an unexpected token
 * (`Unexpected token 'o', ..."ription": oops }" is not valid JSON`), which is found in the text.
 */
function errorOffset(message: string, text: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/end of JSON input/.test(message)) return text.length;
  const quoted = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  const found = quoted ? text.indexOf(quoted[3]!) : -1;
  if (found < 0) return 0;
  // The quote starts ten characters before the token when it is cut ("...").
  return found + quoted![3]!.indexOf(quoted![1]!, quoted![2] ? 10 : 0);
}

/** A located node for a value that has no source (a record built in code): every position is 0. */
export function unlocated(value: unknown): JsonNode {
  const node: JsonNode = { value, start: 0, end: 0 };
  if (Array.isArray(value)) node.items = value.map(unlocated);
  else if (value !== null && typeof value === "object")
    node.props = new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, unlocated(v)]));
  return node;
}

export function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.props?.get(key);
}

export function isObject(node: JsonNode | undefined): node is JsonNode & { props: Map<string, JsonNode> } {
  return node?.props !== undefined;
}

class Scanner {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly offset: number,
  ) {}

  private skip(): void {
    for (let c = this.text.charCodeAt(this.pos); c === 32 || c === 10 || c === 13 || c === 9; c = this.text.charCodeAt(++this.pos));
  }

  /** Where the scanner stands: after a null from value(), the bracket nested too deep. */
  get position(): number {
    return this.pos;
  }

  /** The value at the current position, at nesting `depth`; null when a bracket in it nests too deep. */
  value(depth: number): JsonNode | null {
    this.skip();
    const start = this.pos + this.offset;
    const c = this.text[this.pos];
    if ((c === "{" || c === "[") && depth >= MAX_JSON_DEPTH) return null;
    if (c === "{") {
      this.pos++;
      const props = new Map<string, JsonNode>();
      const value: Record<string, unknown> = {};
      this.skip();
      while (this.text[this.pos] !== "}") {
        this.skip();
        const key = this.string();
        this.skip();
        this.pos++; // ':'
        const child = this.value(depth + 1);
        if (child === null) return null;
        props.set(key, child);
        value[key] = child.value;
        this.skip();
        if (this.text[this.pos] === ",") this.pos++;
        this.skip();
      }
      this.pos++;
      return { value, start, end: this.pos + this.offset, props };
    }
    if (c === "[") {
      this.pos++;
      const items: JsonNode[] = [];
      this.skip();
      while (this.text[this.pos] !== "]") {
        const item = this.value(depth + 1);
        if (item === null) return null;
        items.push(item);
        this.skip();
        if (this.text[this.pos] === ",") this.pos++;
        this.skip();
      }
      this.pos++;
      return { value: items.map((i) => i.value), start, end: this.pos + this.offset, items };
    }
    if (c === '"') {
      const raw = this.pos;
      const value = this.string();
      const node: JsonNode = { value, start, end: this.pos + this.offset };
      if (this.text.slice(raw, this.pos).includes("\\")) node.escapes = escapeMap(this.text, raw, this.pos, this.offset);
      return node;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 64));
    this.pos += m?.[0].length ?? 1;
    return { value: JSON.parse(m?.[0] ?? "null"), start, end: this.pos + this.offset };
  }

  private string(): string {
    const start = this.pos;
    let end = start;
    for (;;) {
      end = this.text.indexOf('"', end + 1);
      // A quote after an odd number of backslashes is escaped.
      let slashes = 0;
      while (this.text.charCodeAt(end - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) break;
    }
    this.pos = end + 1;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }
}

/**
 * Where the characters of the JSON string text[open, close) (quotes included) stand in the source: every escape
 * (\n, \", \u00e9...) decodes to one UTF-16 unit, pointing at its backslash; the runs between escapes are exact.
 */
function escapeMap(text: string, open: number, close: number, offset: number): SourceSegment[] {
  // Searched within the string alone, so that the work is the string's length, not the rest of the file's.
  const raw = text.slice(open + 1, close - 1);
  const base = offset + open + 1;
  const map: SourceSegment[] = [];
  let value = 0;
  let run = 0;
  for (let at = raw.indexOf("\\"); at >= 0; at = raw.indexOf("\\", run)) {
    if (at > run) map.push({ textStart: value, textEnd: value + at - run, sourceStart: base + run, exact: true });
    value += at - run;
    map.push({ textStart: value, textEnd: value + 1, sourceStart: base + at, exact: false });
    value++;
    run = at + (raw[at + 1] === "u" ? 6 : 2);
  }
  if (raw.length > run) map.push({ textStart: value, textEnd: value + raw.length - run, sourceStart: base + run, exact: true });
  return map;
}
