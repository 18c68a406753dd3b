import type { PostingDocument } from "../model/document.js";
import type { Span } from "../model/span.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { Thresholds } from "../judge/thresholds.js";
import type { Verdict } from "../judge/verdict.js";

export type Severity = "error" | "warning" | "info";
/** How a config names a severity. */
export type SeveritySetting = "off" | "info" | "warn" | "warning" | "error" | 0 | 1 | 2;
/** The built-in presets a rule can belong to (jdlint:recommended, jdlint:inclusive, jdlint:strict). */
export type PresetName = "recommended" | "inclusive" | "strict";
/** What a rule looks at: the title against the duties, or the posting's wording and pay (shown in their own section). */
export type RuleTopic = "title" | "language";

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
  /**
   * The presets that turn the rule on (at defaultSeverity; strict at error); every preset when absent. A rule
   * outside "recommended" is off when there is no config.
   */
  presets?: readonly PresetName[];
  /** The severity jdlint:recommended (and so no config) gives the rule, where it is not defaultSeverity. */
  recommendedSeverity?: Severity;
  /** "language" for rules about wording and pay; "title" when absent. */
  topic?: RuleTopic;
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
  /** Report as an error whatever the configured severity: the rule's options name this case as binding (a pay law). */
  raise?: boolean;
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
