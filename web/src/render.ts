import type { LintResult, VerdictReport } from "../../src/engine/result.js";
import type { LintMessage } from "../../src/engine/types.js";
import { familyName } from "../../src/engine/messages.js";
import { MIX_ORDER, percent, retitleReason, VERDICT_WORD, why } from "../../src/formatters/verdict-words.js";
import type { Checked } from "./core.js";
import { dutyMarks, sourceLines, type SourceLine } from "./highlight.js";

/** The results as DOM nodes, built with text only (a posting's text never becomes markup). */

type Child = Node | string | null | false | undefined;

export function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== false && c !== undefined) node.append(c);
  return node;
}

/** The rule whose finding the verdict itself is; the others are listed as findings. */
const VERDICT_RULE = "title-duty-mismatch";

/** The findings shown under "Other findings". */
export function otherFindings(r: LintResult): LintMessage[] {
  return r.messages.filter((m) => m.ruleId !== VERDICT_RULE);
}

const SEVERITY_SIGN: Record<LintMessage["severity"], string> = { error: "✖", warning: "⚠", info: "ℹ" };

function mixBar(v: VerdictReport): HTMLElement {
  const shares = MIX_ORDER.map((f) => ({ f, share: Math.min(1, Math.max(0, v.dutyMix[f] ?? 0)) }));
  const label = shares.map(({ f, share }) => `${familyName(f)} ${percent(share)}`).join(", ");
  const bar = el("div", { class: "mix", role: "img", "aria-label": `Duty mix: ${label}` });
  for (const { f, share } of shares) {
    if (share > 0) bar.append(el("span", { class: `segment ${f}`, style: `width:${(share * 100).toFixed(1)}%`, title: `${familyName(f)} ${percent(share)}` }));
  }
  const legend = el("ul", { class: "legend", "aria-hidden": "true" });
  for (const { f, share } of shares) legend.append(el("li", { class: share > 0 ? "" : "none" }, el("span", { class: `swatch ${f}` }), `${familyName(f)} `, el("strong", {}, percent(share))));
  const none = shares.every((s) => s.share === 0);
  return el("div", { class: "mix-block" }, bar, legend, none && el("p", { class: "muted" }, "No duty line reads as marketing, sales or customer service work."));
}

function section(title: string, ...children: Child[]): HTMLElement {
  return el("section", { class: "part" }, el("h3", {}, title), ...children);
}

function resultCard(r: LintResult, index: number, count: number): HTMLElement {
  const v = r.verdict;
  const card = el("article", { class: `posting ${v.status}`, "data-status": v.status, "aria-labelledby": `posting-${index}-title` });
  const where = r.recordId ? `record ${r.recordId}` : count > 1 ? `posting ${index + 1} of ${count}` : "";
  card.append(
    el("header", {}, el("h2", { id: `posting-${index}-title`, class: "title" }, r.title ?? "(no title found)"), where && el("p", { class: "where" }, where)),
    el(
      "p",
      { class: "verdict" },
      el("span", { class: `badge ${v.status}`, "data-status": v.status }, VERDICT_WORD[v.status]),
      v.confidence ? el("span", { class: "confidence" }, `confidence ${v.confidence.toFixed(2)}`) : null,
    ),
    el("p", { class: "summary" }, v.summary),
    section("What the duties are", mixBar(v)),
    section("Why", el("ul", { class: "why" }, ...why(v, false).map((line) => el("li", {}, line)))),
  );
  if (v.quotas.length) {
    const items = v.quotas.map((q) =>
      el("li", { class: "quota" }, el("strong", {}, `${q.count} ${q.activity} per ${q.period}`), " ", el("span", { class: "loc" }, `line ${q.line}`), " ", el("q", {}, q.text)),
    );
    card.append(section("Activity quotas", el("ul", { class: "quotas" }, ...items)));
  }
  if (v.suggestedTitles.length) {
    const items = v.suggestedTitles.map((s) => el("li", {}, el("strong", { class: "suggested-title" }, s.title), el("span", { class: "reason" }, retitleReason(v, s))));
    card.append(section("Titles that say what the job is", el("ol", { class: "retitles" }, ...items)));
  }
  const findings = otherFindings(r);
  card.append(
    section(
      "Other findings",
      findings.length
        ? el(
            "ul",
            { class: "findings" },
            ...findings.map((m) =>
              el(
                "li",
                { class: `finding ${m.severity}`, "data-rule": m.ruleId, "data-line": String(m.line), "data-column": String(m.column) },
                el("span", { class: "severity" }, `${SEVERITY_SIGN[m.severity]} ${m.severity}`),
                el("span", { class: "loc" }, `${m.line}:${m.column}`),
                el("span", { class: "message" }, m.message),
                el("code", { class: "rule" }, m.ruleId),
              ),
            ),
          )
        : el("p", { class: "muted none-found" }, "None: no other rule reports anything."),
    ),
  );
  return card;
}

/** Lines this far from a duty line are left out of a very long input's text view. */
const CONTEXT_LINES = 2;
const LONG_INPUT_LINES = 1500;

function visibleLines(lines: SourceLine[]): Array<SourceLine | null> {
  if (lines.length <= LONG_INPUT_LINES) return lines;
  const marked = lines.map((l) => l.pieces.some((p) => p.mark));
  const out: Array<SourceLine | null> = [];
  lines.forEach((line, i) => {
    const near = marked.slice(Math.max(0, i - CONTEXT_LINES), i + CONTEXT_LINES + 1).some(Boolean);
    if (near) out.push(line);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}

function textView(source: string, results: LintResult[]): HTMLElement {
  const marks = dutyMarks(source, results);
  const list = el("ol", { class: "source" });
  for (const line of visibleLines(sourceLines(source, marks))) {
    if (!line) {
      list.append(el("li", { class: "gap", "aria-hidden": "true" }, "⋯"));
      continue;
    }
    const row = el("li", { class: "line", value: String(line.number) });
    const notes: string[] = [];
    for (const p of line.pieces) {
      if (!p.mark) {
        row.append(p.text);
        continue;
      }
      const family = p.mark.family;
      if (p.first) row.append(el("span", { class: `tag ${family}` }, familyName(family)));
      row.append(el("mark", { class: `duty ${family}`, "data-family": family }, p.text));
      if (p.first) notes.push(...p.mark.notes);
    }
    if (notes.length) row.append(el("span", { class: "notes" }, notes.join("; ")));
    if (!row.textContent) row.append("\u200b");
    list.append(row);
  }
  const legend = el("p", { class: "legend inline" }, "Duty lines are marked by what they are: ", ...MIX_ORDER.flatMap((f) => [el("span", { class: `tag ${f}` }, familyName(f)), " "]));
  return el("section", { class: "text-view", "aria-labelledby": "text-view-title" }, el("h2", { id: "text-view-title" }, "The posting, duty lines marked"), legend, list);
}

export function renderChecked(container: HTMLElement, checked: Checked, source: string): void {
  const nodes: Node[] = [];
  if (checked.problems.length) {
    const items = checked.problems.map((p) => el("li", {}, p.line ? `line ${p.line}: ${p.reason}` : p.reason));
    nodes.push(el("div", { class: "problems", role: "alert" }, el("p", {}, "Part of this input could not be read:"), el("ul", {}, ...items)));
  }
  const { results } = checked;
  if (results.length > 1) nodes.push(el("p", { class: "count" }, `${results.length} postings in this input`));
  results.forEach((r, i) => nodes.push(resultCard(r, i, results.length)));
  if (results.length) nodes.push(textView(source, results));
  container.replaceChildren(...nodes);
}

/** Shown before there is anything to judge. */
export function renderEmpty(container: HTMLElement): void {
  container.replaceChildren(
    el(
      "div",
      { class: "empty" },
      el("h2", {}, "Does the title say what the job is?"),
      el("p", {}, "Employers often call a sales job marketing. The duties tell: cold calls, quotas and commission are selling, whatever the title says."),
      el("p", {}, "Paste a job posting, or drop a file of one, and you will see:"),
      el(
        "ul",
        {},
        el("li", {}, "the verdict in words, and how sure it is;"),
        el("li", {}, "the duty mix: how much of the work is marketing, sales or customer service;"),
        el("li", {}, "each duty line marked in the text with what it is;"),
        el("li", {}, "selling quotas, titles that would say what the job is, and what the other rules found."),
      ),
    ),
  );
}
