import { Chalk, type ChalkInstance } from "chalk";
import { builtinRules } from "../../rules/index.js";
import type { LintResult, VerdictReport } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { describePay, displayPath, isLanguageMessage } from "../formatters/shared.js";
import { dutyLineNotes, MIX_ORDER, percent, retitleReason, VERDICT_WORD, why } from "../formatters/verdict-words.js";

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
      const kinds = dutyLineNotes(e);
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
