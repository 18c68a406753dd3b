import type { PostingDocument } from "../model/document.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { Thresholds } from "../judge/thresholds.js";
import { judge } from "../judge/verdict.js";
import { applyDirectives, documentDirectives, frontMatterSettings, type Directive } from "./directives.js";
import { formatMessage } from "./messages.js";
import { payReport, verdictReport, type LintResult } from "./result.js";
import { payFacts } from "../judge/pay.js";
import type { LintMessage, Report, Rule, Severity } from "./types.js";
import { compareCodeUnits } from "../text/compare.js";

export interface ResolvedRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface LintSettings {
  knowledge: Knowledge;
  rules: ResolvedRule[];
  thresholds: Thresholds;
}

const LOWER: Record<Severity, Severity> = { error: "warning", warning: "info", info: "info" };

/** Inline directives found in the document's source, applied to the finished messages. */
export interface DirectiveOptions {
  directives: Directive[];
  /** Report disable directives that silenced nothing. */
  reportUnused?: boolean;
}

/** Runs the rules over one document: judges it once, lets every rule read the verdict, returns data. */
export function lintDocument(doc: PostingDocument, filePath: string, settings: LintSettings, inline?: DirectiveOptions): LintResult {
  const verdict = judge(doc, settings.knowledge, settings.thresholds);
  let messages: LintMessage[] = [];
  for (const { rule, severity, options } of settings.rules) {
    const report = (r: Report) => {
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${r.messageId}"`);
      const at = r.span ? doc.locator.locate(r.span) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
      messages.push({
        ruleId: rule.meta.id,
        messageId: r.messageId,
        severity: r.raise ? "error" : r.lower ? LOWER[severity] : severity,
        message: formatMessage(template, r.data),
        ...at,
        ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}),
      });
    };
    rule.check(doc, { verdict, knowledge: settings.knowledge, thresholds: settings.thresholds, options, report });
  }
  messages.sort((a, b) => a.line - b.line || a.column - b.column || compareCodeUnits(a.ruleId, b.ruleId));
  if (inline) messages = applyDirectives(messages, inline.directives, inline.reportUnused);
  return {
    filePath,
    recordId: doc.recordId,
    title: doc.title,
    verdict: verdictReport(doc, verdict),
    pay: payReport(doc, payFacts(doc, settings.knowledge)),
    messages,
    errorCount: messages.filter((m) => m.severity === "error").length,
    warningCount: messages.filter((m) => m.severity === "warning").length,
    infoCount: messages.filter((m) => m.severity === "info").length,
  };
}

/**
 * Lints a posting as read from an input, with the directives its source and front matter hold. `problem` is
 * what is wrong with its front matter's `jdlint` key, if anything, for the caller to report.
 */
export function lintPosting(doc: PostingDocument, filePath: string, settings: LintSettings, reportUnused = false): { result: LintResult; problem: string | null } {
  const directives = documentDirectives(doc.raw, doc.format, doc.meta, doc.comments);
  return { result: lintDocument(doc, filePath, settings, { directives, reportUnused }), problem: frontMatterSettings(doc.meta).problem };
}
