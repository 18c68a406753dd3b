import { InputError } from "../data/errors.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { PostingDocument, SectionKind } from "../model/document.js";
import { buildFromFields, humanise, type FieldText, type PostingField } from "./fields.js";
import { fieldKind, textFieldKind } from "./record.js";
import type { OffsetMap } from "./source-map.js";

export interface CsvCell {
  value: string;
  /** Where the value's characters are in the file: exact, except around a quoted cell's doubled quotes. */
  map: OffsetMap;
}

export interface CsvRow {
  cells: CsvCell[];
  /** Offsets of the row in the file, and its first line. */
  start: number;
  end: number;
  line: number;
}

/** The delimiter a header line uses: comma, semicolon or tab, whichever it holds most of. */
export function sniffDelimiter(text: string): string {
  const header = text.slice(0, text.search(/[\r\n]|$/));
  const counts = [",", ";", "\t"].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * Reads CSV (RFC 4180, as spreadsheets and ATS exports write it): quoted cells may hold delimiters, doubled
 * quotes and line breaks. Throws an InputError naming the line where a quote opened that is never closed, or
 * whose closing quote is followed by text.
 */
export function* readCsv(text: string, file: string, delimiter = sniffDelimiter(text)): Generator<CsvRow> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    const row: CsvRow = { cells: [], start: pos, end: pos, line };
    for (;;) {
      const cell = readCell();
      row.cells.push(cell);
      if (text[pos] === delimiter) {
        pos++;
        continue;
      }
      row.end = pos;
      if (text[pos] === "\r") pos++;
      if (text[pos] === "\n") pos++;
      line++;
      break;
    }
    if (row.cells.some((c) => c.value.trim())) yield row;
  }

  function readCell(): CsvCell {
    if (text[pos] !== '"') {
      const start = pos;
      while (pos < text.length && text[pos] !== delimiter && text[pos] !== "\n" && text[pos] !== "\r") pos++;
      return { value: text.slice(start, pos), map: [{ textStart: 0, textEnd: pos - start, sourceStart: start, exact: true }] };
    }
    const openLine = line;
    pos++;
    let value = "";
    const map: OffsetMap = [];
    for (;;) {
      const close = text.indexOf('"', pos);
      if (close < 0) throw new InputError(file, "a quoted CSV cell is never closed", openLine);
      const run = text.slice(pos, close);
      line += (run.match(/\r\n|\r|\n/g) ?? []).length;
      // A doubled quote is one quote in the value: its run (with one of the two quotes) maps exactly.
      const doubled = text[close + 1] === '"';
      const piece = doubled ? run + '"' : run;
      if (piece) map.push({ textStart: value.length, textEnd: value.length + piece.length, sourceStart: pos, exact: true });
      value += piece;
      pos = close + (doubled ? 2 : 1);
      if (!doubled) break;
    }
    // Spaces may follow the closing quote; anything else means the quotes do not pair as the writer meant
    // (a quote left open pairs with the next one, which may be rows later), so the file is not read on.
    while (text[pos] === " " || text[pos] === "\t") pos++;
    if (pos < text.length && text[pos] !== delimiter && text[pos] !== "\n" && text[pos] !== "\r") {
      throw new InputError(file, textAfterQuote(text, pos, line === openLine ? null : line, delimiter), openLine);
    }
    if (map.length === 0) map.push({ textStart: 0, textEnd: 0, sourceStart: pos, exact: false });
    return { value, map };
  }
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** Why a quoted cell whose closing quote is followed by text (at `pos`, on `closeLine` when not the opening line) is malformed. */
function textAfterQuote(text: string, pos: number, closeLine: number | null, delimiter: string): string {
  const rest = /^[^\r\n]*/.exec(text.slice(pos, pos + 200))![0];
  const shown = rest.length > 24 ? `${rest.slice(0, 24).trimEnd()}...` : rest;
  const where = closeLine === null ? "" : ` runs to line ${closeLine} and`;
  const name = DELIMITER_NAMES[delimiter] ?? `"${delimiter}"`;
  return `a quoted CSV cell opened on this line${where} has text after its closing quote ("${shown}"): close it just before the ${name} or the line end, and write a quote inside a cell as ""`;
}

/** `title=Job Name,description=Body` -> { title: "Job Name", description: "Body" } */
export function parseColumnMapping(spec: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of spec.split(",")) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf("=");
    if (eq <= 0 || !pair.slice(eq + 1).trim()) throw new Error(`--csv-columns takes field=Column pairs separated by commas, got "${pair.trim()}"`);
    mapping[pair.slice(0, eq).trim().toLowerCase()] = pair.slice(eq + 1).trim();
  }
  return mapping;
}

const normalise = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
const TITLE_COLUMN = /^(?:job_?|posting_?|position_?)?(?:title|name)$|^position$|^role$/;
const ID_COLUMN = /^(?:job_?|posting_?|requisition_?|req_?)?(?:id|number|no)$|^requisition$/;

interface ColumnRole {
  index: number;
  role: "title" | "id" | "text";
  heading: string;
  kind: SectionKind;
}

/** Which column is the title, the id, and which hold posting text; the other columns become metadata. */
function columnRoles(knowledge: Knowledge, header: string[], mapping: Record<string, string>, file: string): ColumnRole[] {
  const roles: ColumnRole[] = [];
  const taken = new Set<number>();
  for (const [field, column] of Object.entries(mapping)) {
    const index = header.findIndex((h) => h.trim().toLowerCase() === column.toLowerCase());
    if (index < 0) throw new InputError(file, `column "${column}" (from --csv-columns) is not in the header row`, 1);
    taken.add(index);
    const role = field === "title" ? "title" : field === "id" ? "id" : "text";
    roles.push({ index, role, heading: humanise(field), kind: fieldKind(knowledge, field) });
  }
  header.forEach((name, index) => {
    if (taken.has(index)) return;
    const key = normalise(name);
    const has = (role: ColumnRole["role"]) => roles.some((r) => r.role === role);
    if (TITLE_COLUMN.test(key) && !has("title")) roles.push({ index, role: "title", heading: name, kind: "other" });
    else if (ID_COLUMN.test(key) && !has("id")) roles.push({ index, role: "id", heading: name, kind: "other" });
    else {
      const kind = textFieldKind(knowledge, key);
      if (kind) roles.push({ index, role: "text", heading: humanise(key), kind });
    }
  });
  if (!roles.some((r) => r.role === "text"))
    throw new InputError(file, "no column holds posting text (name them with --csv-columns, e.g. description=Body)", 1);
  // Text columns in the file's own order, as a reader sees them.
  return roles.sort((a, b) => a.index - b.index);
}

/** One document per data row; the record id is the id column's value, else the row's line number. */
export function* parseCsv(knowledge: Knowledge, text: string, file: string, mapping: Record<string, string> = {}): Generator<PostingDocument> {
  const rows = readCsv(text, file);
  const first = rows.next();
  if (first.done) throw new InputError(file, "CSV file is empty", 1);
  const header = first.value.cells.map((c) => c.value);
  const roles = columnRoles(knowledge, header, mapping, file);
  for (const row of rows) {
    const cell = (i: number): FieldText | undefined => row.cells[i];
    const fields: PostingField[] = [];
    const meta: Record<string, unknown> = {};
    let title: FieldText | null = null;
    let id: string | null = null;
    for (const role of roles) {
      const c = cell(role.index);
      if (!c) continue;
      if (role.role === "title") title = c;
      else if (role.role === "id") id = c.value.trim() || null;
      else fields.push({ heading: role.heading, kind: role.kind, parts: [c], at: c.map[0]?.sourceStart ?? row.start });
    }
    header.forEach((name, i) => {
      if (!roles.some((r) => r.index === i) && row.cells[i]?.value.trim()) meta[name] = row.cells[i]!.value;
    });
    yield buildFromFields(knowledge, {
      format: "csv",
      title,
      fields,
      recordId: id ?? String(row.line),
      meta,
      source: text.slice(row.start, row.end),
      base: row.start,
      lineOffset: row.line - 1,
    });
  }
}
