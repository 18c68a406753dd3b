import { Chalk, type ChalkInstance } from "chalk";
import { relative, isAbsolute } from "node:path";
import type { LintResult } from "../engine/result.js";
import { isFlagged, MIX_ORDER, percent, plural } from "./shared.js";
import type { Formatter } from "./types.js";
import { familyName } from "../engine/messages.js";

const STATUS_MARK = { pass: "✔", warn: "⚠", fail: "✖" } as const;

function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function statusColour(c: ChalkInstance, status: LintResult["verdict"]["status"]): (s: string) => string {
  return status === "fail" ? c.red : status === "warn" ? c.yellow : c.green;
}

function severityColour(c: ChalkInstance, severity: string): (s: string) => string {
  return severity === "error" ? c.red : severity === "warning" ? c.yellow : c.cyan;
}

/** The verdict's mark and word; a passing title over other rules' problems says only that the title is fine. */
function statusLabel(c: ChalkInstance, r: LintResult): string {
  const { status } = r.verdict;
  if (status === "pass" && r.errorCount + r.warningCount > 0) {
    return r.errorCount ? c.red(`${STATUS_MARK.fail} title ok`) : c.yellow(`${STATUS_MARK.warn} title ok`);
  }
  return statusColour(c, status)(`${STATUS_MARK[status]} ${status}`);
}

function formatResult(r: LintResult, c: ChalkInstance, cwd: string): string[] {
  const v = r.verdict;
  const where = displayPath(r.filePath, cwd) + (r.recordId ? c.dim(` #${r.recordId}`) : "");
  const out = [c.underline(where), `  ${c.bold(r.title ?? "(no title)")}`];
  out.push(`  ${statusLabel(c, r)}  ${v.summary}${v.confidence ? c.dim(`  (confidence ${v.confidence.toFixed(2)})`) : ""}`);
  if (v.status !== "pass" || v.evidence.length) {
    const mix = MIX_ORDER.map((f) => `${familyName(f)} ${percent(v.dutyMix[f])}`).join(c.dim(" · "));
    out.push(`  ${c.dim("duty mix")}  ${mix}`);
  }
  if (v.status !== "pass") {
    if (v.evidence.length) out.push(`  ${c.dim("evidence")}`);
    for (const e of v.evidence) {
      const text = e.text.length > 110 ? `${e.text.slice(0, 107)}...` : e.text;
      out.push(`    ${c.dim(`${e.line}:${e.column}`.padEnd(8))}${familyName(e.family).padEnd(17)}${text}`);
    }
    for (const q of v.quotas) {
      out.push(`    ${c.dim(`${q.line}:${q.column}`.padEnd(8))}${"activity quota".padEnd(17)}${q.count} ${q.activity} per ${q.period}`);
    }
    if (v.suggestedTitles.length) {
      out.push(`  ${c.dim("retitle as")}  ${v.suggestedTitles.map((s) => c.bold(s.title)).join(c.dim(" · "))}`);
    }
  }
  for (const m of r.messages) {
    const sev = severityColour(c, m.severity)(m.severity.padEnd(7));
    out.push(`  ${c.dim(`${m.line}:${m.column}`.padEnd(8))}${sev} ${m.message}  ${c.dim(m.ruleId)}`);
  }
  return out;
}

/** The default report: per posting, the title, the verdict in words, the evidence and retitles. */
export const stylish: Formatter = (results, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const lines: string[] = [];
  for (const r of results) lines.push(...formatResult(r, c, ctx.cwd), "");
  const errors = results.reduce((s, r) => s + r.errorCount, 0);
  const warnings = results.reduce((s, r) => s + r.warningCount, 0);
  const flaggedCount = results.filter(isFlagged).length;
  const problems = errors + warnings;
  const mark = errors || ctx.unreadable ? c.red("✖") : warnings ? c.yellow("⚠") : c.green("✔");
  const postings = plural(results.length, "posting");
  const unread = ctx.unreadable ? `; ${plural(ctx.unreadable, "input")} could not be read (reported on standard error)` : "";
  lines.push(
    (problems
      ? `${mark} ${plural(problems, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}) in ${postings}, ${flaggedCount} flagged`
      : `${mark} ${postings} linted, no problems`) + unread,
  );
  return lines.join("\n") + "\n";
};
