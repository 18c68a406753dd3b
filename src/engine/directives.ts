import { FAMILIES, type Family } from "../lexicon/knowledge.js";
import { lineAt, lineIndexAt, lineStarts } from "../model/locator.js";
import type { TextComment } from "../model/document.js";
import type { Location } from "../model/span.js";
import type { LintMessage } from "./types.js";
import { compareCodeUnits } from "../text/compare.js";

/**
 * Inline directives: `<!-- jdlint-disable rule-id -->`, `<!-- jdlint-enable -->` and
 * `<!-- jdlint-disable-next-line rule-id -->` in Markdown and HTML, and in the text fields of structured
 * postings (JSON, JSON-LD, ATS exports, JSONL, CSV); `# jdlint-disable rule-id` on a line of its own in plain
 * text; `jdlint: { disable: [rule-id] }` in front matter for the whole file.
 * They are read from the source and filter the finished message list: rules never see them.
 */
export interface Directive {
  kind: "disable" | "enable" | "disable-next-line" | "disable-file";
  /** The rules it names; empty for all rules. */
  rules: string[];
  line: number;
  column: number;
  endLine: number;
  /**
   * For a disable-next-line in a structured posting's text: where in the file the line it covers stands (null:
   * none follows). Absent where that line is simply the file's next one.
   */
  nextLine?: Location | null;
  /**
   * A disable in a structured posting's field with no jdlint-enable after it there: a record's fields have no
   * order (a JSON object's keys), so it covers the whole record, title included. The same for one in a page
   * around JSON-LD postings, whose messages point into the JSON-LD wherever the comment stands.
   */
  wholeRecord?: boolean;
}

/** The rule id of the messages that --report-unused-disable-directives adds. */
export const UNUSED_DIRECTIVE = "unused-disable-directive";

const COMMENT = /<!--\s*jdlint-(disable-next-line|disable|enable)(?:\s+([\s\S]*?))?\s*-->/g;
const HASH_LINE = /^[ \t]*#[ \t]*jdlint-(disable-next-line|disable|enable)(?:[ \t]+([^\r\n]*?))?[ \t]*$/gm;

function ruleList(text: string | undefined): string[] {
  // Anything after " -- " is a reason for people.
  const list = (text ?? "").split(/\s--\s|^--\s/)[0] ?? "";
  return list.split(/[\s,]+/).filter(Boolean);
}

/** The directives in a document's source, by its format (markdown, html or text; others have none). */
export function parseDirectives(source: string, format: string): Directive[] {
  const re = format === "markdown" || format === "html" ? COMMENT : format === "text" ? HASH_LINE : null;
  if (!re) return [];
  const starts = lineStarts(source);
  const lineOf = (offset: number) => lineIndexAt(starts, offset);
  const out: Directive[] = [];
  for (const m of source.matchAll(re)) {
    const at = m.index + m[0].search(/\S/);
    const line = lineOf(at);
    out.push({
      kind: m[1] as Directive["kind"],
      rules: ruleList(m[2]),
      line: line + 1,
      column: at - starts[line]! + 1,
      endLine: lineOf(m.index + m[0].length - 1) + 1,
    });
  }
  return out;
}

const ONE_COMMENT = /^<!--\s*jdlint-(disable-next-line|disable|enable)(?:\s+([\s\S]*?))?\s*-->$/;

/** The directives in a structured posting's comments (see TextComment), in the order they stand in the file. */
export function commentDirectives(comments: readonly TextComment[]): Directive[] {
  const out: Array<Directive & { field: number | null }> = [];
  for (const c of comments) {
    const m = ONE_COMMENT.exec(c.text);
    if (!m) continue;
    const { line, column, endLine } = c.location;
    const d: Directive & { field: number | null } = { kind: m[1] as Directive["kind"], rules: ruleList(m[2]), line, column, endLine, field: c.field };
    if (d.kind === "disable-next-line") d.nextLine = c.nextLine;
    out.push(d);
  }
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  // From the last back: the fields (and the page, null) that have a jdlint-enable after the directive at hand.
  const enabledLater = new Set<number | null>();
  for (let i = out.length - 1; i >= 0; i--) {
    const d = out[i]!;
    if (d.kind === "enable") enabledLater.add(d.field);
    else if (d.kind === "disable" && !enabledLater.has(d.field)) d.wholeRecord = true;
  }
  return out.map(({ field: _, ...d }) => d);
}

/** What front matter's `jdlint:` key says: the function a posting declares, and rules disabled for the file. */
export interface FrontMatterSettings {
  expect: Family | null;
  disable: string[];
  /** Why the key is malformed, or null. */
  problem: string | null;
}

/** Reads `jdlint: { expect: sales, disable: [rule-id] }` from a document's meta (its front matter). */
export function frontMatterSettings(meta: Record<string, unknown>): FrontMatterSettings {
  const none: FrontMatterSettings = { expect: null, disable: [], problem: null };
  if (!Object.hasOwn(meta, "jdlint")) return none;
  const v = meta.jdlint;
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { ...none, problem: "front matter jdlint: must be a mapping (expect:, disable:)" };
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (k !== "expect" && k !== "disable") return { ...none, problem: `front matter jdlint: unknown key "${k}" (expected expect, disable)` };
  if (o.expect !== undefined && !(FAMILIES as readonly unknown[]).includes(o.expect))
    return { ...none, problem: `front matter jdlint.expect must be one of ${FAMILIES.join(", ")}` };
  const disable = o.disable === undefined ? [] : typeof o.disable === "string" ? [o.disable] : o.disable;
  if (!Array.isArray(disable) || !disable.every((r) => typeof r === "string"))
    return { ...none, problem: "front matter jdlint.disable must be a rule id or a list of them" };
  return { expect: (o.expect as Family | undefined) ?? null, disable, problem: null };
}

/** The function a posting's front matter declares (`jdlint: { expect: sales }`), for rules to read. */
export function declaredFunction(meta: Record<string, unknown>): Family | null {
  return frontMatterSettings(meta).expect;
}

/**
 * Every directive that applies to a document: its front matter's, its source's comments', and those of the
 * comments in its text fields (a structured posting's: `comments`).
 */
export function documentDirectives(source: string | null, format: string, meta: Record<string, unknown>, comments: readonly TextComment[] = []): Directive[] {
  const { disable } = frontMatterSettings(meta);
  const at = source ? source.search(/^jdlint[ \t]*:/m) : -1;
  const line = source && at > 0 ? lineAt(source, at) : 1;
  const own: Directive[] = disable.length ? [{ kind: "disable-file", rules: disable, line, column: 1, endLine: line }] : [];
  return [...own, ...(source ? parseDirectives(source, format) : []), ...commentDirectives(comments)];
}

function covers(d: Directive, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.includes(ruleId);
}

/** Whether a message starts inside a range of the file. */
function startsIn(m: LintMessage, at: Location): boolean {
  const after = m.line > at.line || (m.line === at.line && m.column >= at.column);
  const before = m.line < at.endLine || (m.line === at.endLine && m.column <= at.endColumn);
  return after && before;
}

/** The directive that silences a message, if one does. Directives are in source order. */
function silencer(m: LintMessage, directives: Directive[]): { d: Directive; rule: string } | null {
  // Those that cover a whole file or record, wherever they stand.
  for (const d of directives) if ((d.kind === "disable-file" || d.wholeRecord) && covers(d, m.ruleId)) return { d, rule: m.ruleId };
  let all: Directive | null = null;
  const byRule = new Map<string, Directive>();
  const reenabled = new Set<string>();
  for (const d of directives) {
    if (d.kind === "disable-file" || d.wholeRecord) continue;
    if (d.kind === "disable-next-line") {
      const next = d.nextLine === undefined ? m.line === d.endLine + 1 : d.nextLine !== null && startsIn(m, d.nextLine);
      if (next && covers(d, m.ruleId)) return { d, rule: m.ruleId };
      continue;
    }
    // A block directive applies from where it stands on.
    if (d.line > m.line || (d.line === m.line && d.column > m.column)) break;
    if (d.kind === "disable") {
      if (!d.rules.length) {
        all = d;
        byRule.clear();
        reenabled.clear();
      } else for (const r of d.rules) (byRule.set(r, d), reenabled.delete(r));
    } else if (!d.rules.length) {
      all = null;
      byRule.clear();
      reenabled.clear();
    } else for (const r of d.rules) (byRule.delete(r), reenabled.add(r));
  }
  const d = byRule.get(m.ruleId) ?? (all && !reenabled.has(m.ruleId) ? all : null);
  return d ? { d, rule: m.ruleId } : null;
}

/**
 * The messages the directives leave; with `reportUnused`, an error for each disable directive (or rule named
 * in one) that silenced nothing.
 */
export function applyDirectives(messages: LintMessage[], directives: Directive[], reportUnused = false): LintMessage[] {
  if (!directives.length) return messages;
  const used = new Map<Directive, Set<string>>();
  const kept = messages.filter((m) => {
    const s = silencer(m, directives);
    if (s) used.set(s.d, (used.get(s.d) ?? new Set()).add(s.rule));
    return !s;
  });
  if (!reportUnused) return kept;
  for (const d of directives) {
    if (d.kind === "enable") continue;
    const hit = used.get(d);
    const what = d.kind === "disable-file" ? "front matter jdlint.disable" : `jdlint-${d.kind} directive`;
    const unused = d.rules.length ? d.rules.filter((r) => !hit?.has(r)) : hit ? [] : [null];
    for (const r of unused) {
      kept.push({
        ruleId: UNUSED_DIRECTIVE,
        messageId: "unused",
        severity: "error",
        message: r ? `Unused ${what}: no problems from ${r} were reported here.` : `Unused ${what}: no problems were reported here.`,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.column,
      });
    }
  }
  return kept.sort((a, b) => a.line - b.line || a.column - b.column || compareCodeUnits(a.ruleId, b.ruleId));
}
