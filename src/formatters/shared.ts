import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { LintResult, PayReport, VerdictReport } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { MIX_ORDER, percent } from "./verdict-words.js";

export { MIX_ORDER, percent };

/** The project's public home: SARIF's informationUri, and the base of rule documentation links. */
export const PROJECT_URL = "https://github.com/jdlint/jdlint";

/** A path relative to `cwd` with forward slashes; a path outside `cwd` stays absolute. */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file.split(sep).join("/");
  const rel = relative(cwd, file);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) return file.split(sep).join("/");
  return rel.split(sep).join("/");
}

/** A URI for an artifact: relative (forward slashes) under `cwd`, else a file: URL. */
export function artifactUri(file: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  if (isAbsolute(shown) || /^[A-Za-z]:/.test(shown)) return pathToFileURL(file).href;
  return shown.split("/").map(encodeURIComponent).join("/");
}

/** Where a rule's documentation lives, as an absolute URL. */
export function docsUrl(rule: RuleMeta): string {
  return /^https?:\/\//.test(rule.docs) ? rule.docs : `${PROJECT_URL}/blob/main/${rule.docs}`;
}

/** "marketing 10% · sales 85% · customer service 5%" */
export function dutyMixLabel(v: VerdictReport): string {
  return MIX_ORDER.map((f) => `${familyName(f)} ${percent(v.dutyMix[f] ?? 0)}`).join(" · ");
}

/** "Marketing Director (rec-7)", or the file's posting without a title. */
export function postingName(r: LintResult): string {
  const title = r.title ?? "(no title)";
  return r.recordId ? `${title} (${r.recordId})` : title;
}

export interface Totals {
  postings: number;
  flagged: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** A posting whose title does not pass, or that any rule reports an error or a warning for. */
export function isFlagged(r: LintResult): boolean {
  return r.verdict.status !== "pass" || r.errorCount + r.warningCount > 0;
}

export function totalsOf(results: LintResult[]): Totals {
  return {
    postings: results.length,
    flagged: results.filter(isFlagged).length,
    errors: results.reduce((s, r) => s + r.errorCount, 0),
    warnings: results.reduce((s, r) => s + r.warningCount, 0),
    infos: results.reduce((s, r) => s + r.infoCount, 0),
  };
}

/** "posting" or "postings", by count. */
export function noun(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** "1 posting", "3 postings". */
export function plural(n: number, word: string): string {
  return `${n} ${noun(n, word)}`;
}

// XML 1.0 forbids most control characters even as references: drop them (postings are untrusted).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML and HTML content and double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Like escapeXml, but keeps line breaks in an attribute value (a parser would fold them to spaces). */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

export const escapeHtml = (text: string): string => escapeXml(text).replace(/&apos;/g, "&#39;");

const PERIOD_WORDS: Record<string, string> = { hour: "an hour", day: "a day", week: "a week", month: "a month", year: "a year" };
const BASIS_WORDS: Record<string, string> = { base: "base pay", ote: "on-target earnings", commission: "commission only" };

/** "USD 55,000-70,000 a year (base pay)": the pay a result reports, for people. */
export function describePay(p: PayReport): string {
  const n = (x: number) => {
    const [whole, cents] = String(Math.round(x * 100) / 100).split(".");
    return whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (cents ? `.${cents.padEnd(2, "0")}` : "");
  };
  const amount = p.min === p.max ? n(p.min) : `${n(p.min)}-${n(p.max)}`;
  const period = p.period ? ` ${PERIOD_WORDS[p.period] ?? `per ${p.period}`}` : "";
  return `${p.currency} ${amount}${period} (${BASIS_WORDS[p.basis] ?? p.basis})`;
}

/** Whether a message is about the posting's wording and pay (a rule whose meta.topic is "language"). */
export function isLanguageMessage(ruleId: string, rules: readonly RuleMeta[]): boolean {
  return rules.find((r) => r.id === ruleId)?.topic === "language";
}
