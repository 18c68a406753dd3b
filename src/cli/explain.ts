import { Chalk, type ChalkInstance } from "chalk";
import { builtinRules } from "../../rules/index.js";
import type { LintResult, VerdictReport } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { describePay, displayPath, isLanguageMessage, MIX_ORDER, percent } from "../formatters/shared.js";

/**
 * `jdlint explain`: one posting seen from the job seeker's side. What each duty line is, the duty mix as a bar
 * chart, why the verdict is what it is, and which titles would say what the job is. Pure: text in, text out.
 */

const BAR_WIDTH = 30;
const FAMILY_COLOUR = { marketing: "blue", sales: "yellow", customer_service: "green" } as const;

export interface ExplainContext {
  color: boolean;
  cwd: string;
  /** The rules that ran, to tell the language and pay findings from the title's (the built-in rules when absent). */
  rules?: readonly RuleMeta[];
}

export function explain(results: LintResult[], ctx: ExplainContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const rules = ctx.rules ?? builtinRules.map((r) => r.meta);
  return results.map((r) => explainOne(r, c, ctx.cwd, rules)).join("\n");
}

function explainOne(r: LintResult, c: ChalkInstance, cwd: string, rules: readonly RuleMeta[]): string {
  const v = r.verdict;
  const paint = v.status === "fail" ? c.red : v.status === "warn" ? c.yellow : c.green;
  const out = [
    c.bold(r.title ?? "(no title found)") + c.dim(`  ${displayPath(r.filePath, cwd)}${r.recordId ? ` #${r.recordId}` : ""}`),
    `${paint(c.bold(VERDICT_WORD[v.status]))}: ${v.summary}${v.confidence ? c.dim(` (confidence ${v.confidence.toFixed(2)})`) : ""}`,
    "",
    c.bold("What the duties are"),
    ...mixBars(v, c),
    "",
  ];
  if (v.evidence.length) {
    out.push(c.bold("Duty lines and their function"));
    const width = Math.max(...v.evidence.map((e) => `${e.line}:${e.column}`.length));
    for (const e of v.evidence) {
      const where = `${e.line}:${e.column}`.padEnd(width);
      const kinds = e.subfunctions.map((s) => s.split(".")[1]!.replace(/_/g, " "));
      // The duty-line model's reason, in the line's own words.
      if (e.reading?.words.length) kinds.push(`reads as ${familyName(e.family)} work: ${e.reading.words.map((w) => `"${w}"`).join(", ")}`);
      const family = paintFamily(c, e.family, familyName(e.family).padEnd(16));
      out.push(`  ${c.dim(where)}  ${family} ${e.text}${kinds.length ? c.dim(`  (${kinds.join(", ")})`) : ""}`);
    }
    out.push("");
  }
  out.push(c.bold("Why"), ...why(v).map((line) => `  ${line}`), "");
  if (v.suggestedTitles.length) {
    out.push(c.bold("Titles that say what the job is"));
    const width = Math.max(...v.suggestedTitles.map((s) => s.title.length));
    v.suggestedTitles.forEach((s, i) => {
      out.push(`  ${i + 1}. ${c.bold(s.title.padEnd(width))}  ${c.dim(retitleReason(v, s))}`);
    });
    out.push("");
  }
  out.push(...languageAndPay(r, c, rules));
  return out.join("\n");
}

/** The wording and the pay, in their own section: what the posting says between the lines. */
function languageAndPay(r: LintResult, c: ChalkInstance, rules: readonly RuleMeta[]): string[] {
  const messages = r.messages.filter((m) => isLanguageMessage(m.ruleId, rules));
  if (r.pay === undefined && messages.length === 0) return [];
  const out = [c.bold("Language and pay")];
  if (r.pay !== undefined) out.push(r.pay ? `  Pay stated: ${describePay(r.pay)}${c.dim(` (line ${r.pay.line})`)}` : "  No pay stated.");
  for (const m of messages) {
    const paint = m.severity === "error" ? c.red : m.severity === "warning" ? c.yellow : c.dim;
    out.push(`  ${c.dim(`${m.line}:${m.column}`)}  ${paint(m.severity)}  ${m.message}${c.dim(`  (${m.ruleId})`)}`);
  }
  out.push("");
  return out;
}

const VERDICT_WORD: Record<VerdictReport["status"], string> = { pass: "Fits", warn: "Worth a look", fail: "Misleading title" };

function paintFamily(c: ChalkInstance, family: string, text: string): string {
  const colour = FAMILY_COLOUR[family as keyof typeof FAMILY_COLOUR];
  return colour ? c[colour](text) : text;
}

/** "  sales             ███████████████████░░░  85%" for each family. */
export function mixBars(v: VerdictReport, c: ChalkInstance = new Chalk({ level: 0 })): string[] {
  return MIX_ORDER.map((f) => {
    const share = Math.min(1, Math.max(0, v.dutyMix[f] ?? 0));
    const filled = Math.round(share * BAR_WIDTH);
    const bar = paintFamily(c, f, "█".repeat(filled)) + c.dim("░".repeat(BAR_WIDTH - filled));
    return `  ${familyName(f).padEnd(16)} ${bar} ${percent(share).padStart(4)}`;
  });
}

function titleClaim(v: VerdictReport): string {
  if (v.titleFamily === "unknown") return "No title was found, so there is nothing to compare the duties with.";
  const level = v.titleLevel && v.titleLevel !== "unknown" ? ` at ${v.titleLevel} level` : "";
  const specialisation = v.titleSpecialisation ? ` (${v.titleSpecialisation.replace(/_/g, " ")})` : "";
  return `The title names ${familyName(v.titleFamily)} work${specialisation}${level}.`;
}

/** The verdict in sentences a job seeker can follow. */
function why(v: VerdictReport): string[] {
  const lines = [titleClaim(v)];
  const duties = familyName(v.dutyFamily);
  switch (v.finding) {
    case "match":
      lines.push(`The duties are ${duties} work too: the title says what the job is.`);
      break;
    case "thin":
      lines.push("The posting says too little about its duties to tell what the job really is.");
      break;
    case "no-title":
      break;
    case "mismatch":
      lines.push(`But the duties are ${duties} work: someone applying for the title would find a different job.`);
      break;
    case "partial":
      lines.push(`The title promises ${familyName(v.titleFamily)} work, but the duties are ${duties} only.`);
      break;
    case "leans":
      lines.push(`The duties mix functions, and most of them are not ${familyName(v.titleFamily)} work.`);
      break;
    case "absent":
      lines.push(`None of the duties is ${familyName(v.titleFamily)} work.`);
      break;
    case "outside":
      lines.push(`But the duties are clearly ${duties} work.`);
      break;
  }
  for (const q of v.quotas) lines.push(`Line ${q.line} sets a selling quota: "${q.text}".`);
  return lines;
}

function retitleReason(v: VerdictReport, s: VerdictReport["suggestedTitles"][number]): string {
  const share = v.dutyMix[s.family as keyof VerdictReport["dutyMix"]];
  const fits = share !== undefined ? `${familyName(s.family)} work is ${percent(share)} of the duties` : `a ${familyName(s.family)} title`;
  const level = v.fittingLevel && v.fittingLevel !== "unknown" ? `; ${v.fittingLevel} level, as the posting asks` : "";
  return `${fits}${level}; fit ${percent(s.score)}`;
}
