import type { EvidenceReport, LintResult, VerdictReport } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { describePay, displayPath, docsUrl, dutyMixLabel, escapeHtml as h, isLanguageMessage, MIX_ORDER, noun, percent, postingName, totalsOf } from "./shared.js";
import type { Formatter } from "./types.js";

const STYLE = `
:root { --marketing: #2f6fdf; --sales: #e0702a; --customer_service: #2a9d68; --fail: #c62828; --warn: #b7791f; --pass: #2e7d32; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 0 auto; padding: 1.5rem; max-width: 1200px; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.totals { color: #57606a; margin: 0 0 1rem; }
.totals .total strong { color: #1f2328; }
.legend span { margin-right: 1rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; vertical-align: -1px; margin-right: .3em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .5rem; border-bottom: 1px solid #d0d7de; }
th { background: #f6f8fa; font-weight: 600; }
.file, .location { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; color: #57606a; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; color: #fff; font-size: .8rem; font-weight: 600; text-transform: uppercase; }
.badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); } .badge.pass { background: var(--pass); }
.duty-mix { display: flex; width: 12rem; height: .9rem; border-radius: 3px; overflow: hidden; background: #eaeef2; }
.duty-mix .segment { height: 100%; }
.duty-mix-label { font-size: .8rem; color: #57606a; }
.marketing.segment, .swatch.marketing { background: var(--marketing); }
.sales.segment, .swatch.sales { background: var(--sales); }
.customer_service.segment, .swatch.customer_service { background: var(--customer_service); }
ul.suggested-titles { margin: 0; padding-left: 1.1rem; }
.posting { border: 1px solid #d0d7de; border-left-width: 5px; border-radius: 6px; padding: 1rem; margin: 1.25rem 0; }
.posting.fail { border-left-color: var(--fail); } .posting.warn { border-left-color: var(--warn); } .posting.pass { border-left-color: var(--pass); }
.evidence-list { padding-left: 0; list-style: none; }
.evidence-line { margin: .3rem 0; }
.evidence-line .location { display: inline-block; min-width: 3.5rem; }
mark.evidence { padding: .05rem .2rem; border-radius: 3px; color: #1f2328; }
mark.evidence.marketing { background: #dbe7fb; box-shadow: inset 3px 0 var(--marketing); }
mark.evidence.sales { background: #fbe3d2; box-shadow: inset 3px 0 var(--sales); }
mark.evidence.customer_service { background: #d7f0e3; box-shadow: inset 3px 0 var(--customer_service); }
.family-tag { font-size: .75rem; color: #57606a; margin-left: .4rem; }
.message.error { color: var(--fail); } .message.warning { color: var(--warn); }
section.language { border-top: 1px dashed #d0d7de; margin-top: 1rem; }
.pay.none { color: #57606a; }
`;

/** A family for a narrow cell: "other" would otherwise read "outside sales, marketing and customer service". */
function shortFamily(family: string): string {
  return family === "other" ? "other" : familyName(family);
}

function badge(status: VerdictReport["status"]): string {
  return `<span class="badge ${status}">${status}</span>`;
}

function dutyMixBar(v: VerdictReport): string {
  const label = dutyMixLabel(v);
  const segments = MIX_ORDER.map((f) => {
    const width = Math.min(100, Math.max(0, (v.dutyMix[f] ?? 0) * 100)) || 0;
    return `<span class="segment ${f}" style="width:${width.toFixed(1)}%" title="${h(familyName(f))} ${percent(v.dutyMix[f] ?? 0)}"></span>`;
  }).join("");
  return `<div class="duty-mix" role="img" aria-label="duty mix: ${h(label)}">${segments}</div><div class="duty-mix-label">${h(label)}</div>`;
}

function suggestedTitles(v: VerdictReport): string {
  if (!v.suggestedTitles.length) return "—";
  return `<ul class="suggested-titles">${v.suggestedTitles.map((s) => `<li class="suggested-title">${h(s.title)}</li>`).join("")}</ul>`;
}

function row(r: LintResult, i: number, cwd: string): string {
  const v = r.verdict;
  return [
    `<tr class="verdict-row ${v.status}" id="row-${i + 1}" data-status="${v.status}">`,
    `<td class="status">${badge(v.status)}</td>`,
    `<td class="file">${h(displayPath(r.filePath, cwd))}</td>`,
    `<td class="title"><a href="#posting-${i + 1}">${h(postingName(r))}</a></td>`,
    `<td class="families"><span class="title-family">${h(shortFamily(v.titleFamily))}</span> vs <span class="duty-family">${h(shortFamily(v.dutyFamily))}</span></td>`,
    `<td>${dutyMixBar(v)}</td>`,
    `<td>${suggestedTitles(v)}</td>`,
    `</tr>`,
  ].join("");
}

function evidenceLine(e: EvidenceReport): string {
  return (
    `<li class="evidence-line" data-line="${e.line}" data-column="${e.column}">` +
    `<span class="location">${e.line}:${e.column}</span> <mark class="evidence ${e.family}">${h(e.text)}</mark>` +
    `<span class="family-tag">${h(familyName(e.family))}</span></li>`
  );
}

function details(r: LintResult, i: number, cwd: string, rules: RuleMeta[]): string {
  const v = r.verdict;
  const out = [
    `<section class="posting ${v.status}" id="posting-${i + 1}" data-status="${v.status}">`,
    `<h2>${badge(v.status)} ${h(postingName(r))}</h2>`,
    `<div class="file">${h(displayPath(r.filePath, cwd))}</div>`,
    `<p class="summary">${h(v.summary)}${v.confidence ? ` <span class="confidence">(confidence ${v.confidence.toFixed(2)})</span>` : ""}</p>`,
  ];
  const message = (m: LintResult["messages"][number]) => {
    const rule = rules.find((d) => d.id === m.ruleId);
    const ruleRef = rule ? `<a href="${h(docsUrl(rule))}">${h(m.ruleId)}</a>` : h(m.ruleId);
    return `<li class="message ${m.severity}"><span class="location">${m.line}:${m.column}</span> ${m.severity}: ${h(m.message)} (${ruleRef})</li>`;
  };
  const titleMessages = r.messages.filter((m) => !isLanguageMessage(m.ruleId, rules));
  const languageMessages = r.messages.filter((m) => isLanguageMessage(m.ruleId, rules));
  if (titleMessages.length) out.push(`<ul class="messages">`, ...titleMessages.map(message), `</ul>`);
  if (v.evidence.length) out.push(`<h3>Evidence</h3>`, `<ol class="evidence-list">${v.evidence.map(evidenceLine).join("")}</ol>`);
  if (v.quotas.length) {
    const items = v.quotas.map((q) => `<li class="quota"><span class="location">${q.line}:${q.column}</span> ${q.count} ${h(q.activity)} per ${h(q.period)}</li>`);
    out.push(`<h3>Activity quotas</h3>`, `<ul class="quotas">${items.join("")}</ul>`);
  }
  if (v.suggestedTitles.length) out.push(`<h3>Retitle as</h3>`, suggestedTitles(v));
  // The wording and the pay, apart from the title check: what a job seeker reads between the lines.
  if (r.pay !== undefined || languageMessages.length) {
    out.push(`<section class="language" aria-label="Language and pay">`, `<h3>Language and pay</h3>`);
    if (r.pay !== undefined)
      out.push(
        r.pay
          ? `<p class="pay" data-currency="${h(r.pay.currency)}"><span class="location">${r.pay.line}:${r.pay.column}</span> Pay stated: ${h(describePay(r.pay))}</p>`
          : `<p class="pay none">No pay stated.</p>`,
      );
    if (languageMessages.length) out.push(`<ul class="messages language-messages">`, ...languageMessages.map(message), `</ul>`);
    out.push(`</section>`);
  }
  out.push(`</section>`);
  return out.join("\n");
}

/** One self-contained HTML page (inline CSS, no scripts, no external assets). All posting text is escaped. */
export const html: Formatter = (results, ctx) => {
  const t = totalsOf(results);
  const rules = ctx.rules ?? [];
  const total = (key: string, n: number, label: string) => `<span class="total" data-total="${key}"><strong>${n}</strong> ${label}</span>`;
  const legend = MIX_ORDER.map((f) => `<span><span class="swatch ${f}"></span>${h(familyName(f))}</span>`).join("");
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="generator" content="jdlint${ctx.version ? ` ${h(ctx.version)}` : ""}">`,
    `<title>jdlint report</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<header>`,
    `<h1>jdlint report</h1>`,
    `<p class="totals" id="totals">${[
      total("postings", t.postings, noun(t.postings, "posting")),
      total("flagged", t.flagged, "flagged"),
      total("errors", t.errors, noun(t.errors, "error")),
      total("warnings", t.warnings, noun(t.warnings, "warning")),
    ].join(" · ")}</p>`,
    `<p class="legend">${legend}</p>`,
    `</header>`,
    `<main>`,
    `<table class="postings" id="postings">`,
    `<thead><tr><th>Status</th><th>File</th><th>Title</th><th>Title vs duties</th><th>Duty mix</th><th>Suggested titles</th></tr></thead>`,
    `<tbody>`,
    ...results.map((r, i) => row(r, i, ctx.cwd)),
    `</tbody>`,
    `</table>`,
    ...results.map((r, i) => details(r, i, ctx.cwd, rules)),
    `</main>`,
    `</body>`,
    `</html>`,
    "",
  ].join("\n");
};
