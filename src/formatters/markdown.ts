import type { LintResult } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { displayPath, docsUrl, dutyMixLabel, isFlagged, plural, postingName, totalsOf } from "./shared.js";
import type { Formatter } from "./types.js";

const STATUS = { pass: "✅ pass", warn: "⚠️ warn", fail: "❌ fail" } as const;

/**
 * Postings are untrusted: escape everything Markdown or GitHub would read as markup (links, emphasis, HTML,
 * table pipes), and fold line breaks so one value stays in one table cell or list item.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/[\\`*_[\]<>#|~]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/@/g, "&#64;"); // no @mentions from a posting's text in a pull-request comment
}

function anchor(i: number): string {
  return `posting-${i + 1}`;
}

function summaryRow(r: LintResult, i: number, cwd: string): string {
  const v = r.verdict;
  const name = v.status === "pass" ? escapeMarkdown(postingName(r)) : `[${escapeMarkdown(postingName(r))}](#${anchor(i)})`;
  const titles = v.suggestedTitles.map((s) => escapeMarkdown(s.title)).join(", ") || "—";
  const cells = [escapeMarkdown(displayPath(r.filePath, cwd)), name, `${STATUS[v.status]} ${escapeMarkdown(v.finding)}`, escapeMarkdown(dutyMixLabel(v)), titles];
  return `| ${cells.join(" | ")} |`;
}

function details(r: LintResult, i: number, cwd: string, rules: RuleMeta[]): string[] {
  const v = r.verdict;
  const out = [
    `<a id="${anchor(i)}"></a>`,
    `### ${escapeMarkdown(postingName(r))}`,
    "",
    `${escapeMarkdown(displayPath(r.filePath, cwd))} · ${STATUS[v.status]} · confidence ${v.confidence.toFixed(2)}`,
    "",
    `${escapeMarkdown(v.summary)}. Duty mix: ${escapeMarkdown(dutyMixLabel(v))}.`,
    "",
  ];
  for (const m of r.messages) {
    const rule = rules.find((d) => d.id === m.ruleId);
    const ruleRef = rule ? `[${m.ruleId}](${docsUrl(rule)})` : escapeMarkdown(m.ruleId);
    out.push(`- **${m.severity}** ${m.line}:${m.column} ${escapeMarkdown(m.message)} (${ruleRef})`);
  }
  if (r.messages.length) out.push("");
  if (v.evidence.length) {
    out.push("Evidence:", "");
    for (const e of v.evidence) out.push(`- ${e.line}:${e.column} **${escapeMarkdown(familyName(e.family))}**: ${escapeMarkdown(e.text)}`);
    out.push("");
  }
  if (v.quotas.length) {
    out.push("Activity quotas:", "");
    for (const q of v.quotas) out.push(`- ${q.line}:${q.column} ${q.count} ${escapeMarkdown(q.activity)} per ${escapeMarkdown(q.period)}`);
    out.push("");
  }
  if (v.suggestedTitles.length) out.push(`Retitle as: ${v.suggestedTitles.map((s) => `**${escapeMarkdown(s.title)}**`).join(", ")}`, "");
  return out;
}

/** A pull-request comment: totals, a summary table of every posting, then details of each flagged one. */
export const markdown: Formatter = (results, ctx) => {
  const t = totalsOf(results);
  const rules = ctx.rules ?? [];
  const out = [
    "## jdlint report",
    "",
    `${plural(t.postings, "posting")}, ${t.flagged} flagged: ${plural(t.errors, "error")}, ${plural(t.warnings, "warning")}.`,
    "",
  ];
  if (results.length) {
    out.push("| File | Title | Verdict | Duty mix | Suggested titles |", "|---|---|---|---|---|");
    results.forEach((r, i) => out.push(summaryRow(r, i, ctx.cwd)));
    out.push("");
  }
  const flagged = results.map((r, i) => [r, i] as const).filter(([r]) => isFlagged(r));
  if (flagged.length) {
    out.push("## Details", "");
    for (const [r, i] of flagged) out.push(...details(r, i, ctx.cwd, rules));
  }
  return out.join("\n").replace(/\n+$/, "") + "\n";
};
