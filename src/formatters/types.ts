import type { LintResult } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";

export interface FormatterContext {
  /** Whether to colour the output (a TTY without NO_COLOR, or FORCE_COLOR, and no --no-color). */
  color: boolean;
  /** File paths are shown relative to this folder. */
  cwd: string;
  /** The rules that ran, for formats that describe them (SARIF rules, documentation links). */
  rules?: RuleMeta[];
  /** jdlint's version, for formats that name the tool (SARIF). */
  version?: string;
  /** Inputs (files, records) that could not be read; each was reported on standard error. */
  unreadable?: number;
}

/** A formatter turns results into text; it never prints or touches files. */
export type Formatter = (results: LintResult[], ctx: FormatterContext) => string;
