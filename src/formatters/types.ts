import type { LintResult } from "../engine/result.js";

export interface FormatterContext {
  /** Whether to colour the output (a TTY without NO_COLOR, or FORCE_COLOR, and no --no-color). */
  color: boolean;
  /** File paths are shown relative to this folder. */
  cwd: string;
}

/** A formatter turns results into text; it never prints or touches files. */
export type Formatter = (results: LintResult[], ctx: FormatterContext) => string;
