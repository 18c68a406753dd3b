import type { PostingDocument } from "../model/document.js";
import type { Span } from "../model/span.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { Thresholds } from "../judge/thresholds.js";
import type { Verdict } from "../judge/verdict.js";

export type Severity = "error" | "warning" | "info";
/** How a config names a severity. */
export type SeveritySetting = "off" | "info" | "warn" | "warning" | "error" | 0 | 1 | 2;

/** A small JSON-Schema subset for rule options: enough to validate and to generate the config schema. */
export interface OptionSchema {
  type: "number" | "integer" | "string" | "boolean" | "array";
  description: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  items?: { type: "string" };
  default: unknown;
}

export interface RuleMeta {
  id: string;
  description: string;
  /** Where the rule's documentation lives. */
  docs: string;
  defaultSeverity: Severity;
  /** Message templates by id; `{{name}}` is filled from a report's data. */
  messages: Record<string, string>;
  options: Record<string, OptionSchema>;
}

export interface Suggestion {
  /** What the fix does, for people. */
  desc: string;
  /** The replacement title, where the fix is a retitle. */
  title?: string;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  span: Span | null;
  /** Report one step below the configured severity (error -> warning -> info): thin or partial evidence. */
  lower?: boolean;
  suggestions?: Suggestion[];
}

export interface RuleContext {
  verdict: Verdict;
  knowledge: Knowledge;
  thresholds: Thresholds;
  options: Record<string, unknown>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(doc: PostingDocument, ctx: RuleContext): void;
}

export interface LintMessage {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: Suggestion[];
}
