import { builtinRules } from "../../rules/index.js";
import { defaultRules } from "../../src/config/rules.js";
import { InputError } from "../../src/data/errors.js";
import { lintPosting, type LintSettings } from "../../src/engine/linter.js";
import type { LintResult } from "../../src/engine/result.js";
import { DEFAULT_THRESHOLDS } from "../../src/judge/thresholds.js";
import type { Knowledge } from "../../src/lexicon/knowledge.js";
import { parsePostings } from "../../src/parsers/index.js";

/**
 * What the playground does with a posting: the CLI's own parsing, judging and rules, with the settings of a run
 * without any config file (every built-in rule at its default). Pure, so the page and the tests run the same code.
 */

/** Something in the input that could not be read, as the CLI reports it (its line, where known). */
export interface InputProblem {
  line: number | null;
  reason: string;
}

export interface Checked {
  results: LintResult[];
  problems: InputProblem[];
}

/** The settings of `jdlint --no-config`. */
export function playgroundSettings(knowledge: Knowledge): LintSettings {
  return { knowledge, rules: defaultRules(builtinRules), thresholds: { ...DEFAULT_THRESHOLDS } };
}

/**
 * Lints one input: `name` is the file it came from (its ending chooses the format, as on the command line), or
 * a name without an ending for pasted text, whose format is then told from its first characters.
 */
export function checkPosting(settings: LintSettings, text: string, name: string): Checked {
  const results: LintResult[] = [];
  const problems: InputProblem[] = [];
  if (!/[^\s\uFEFF]/.test(text)) return { results, problems };
  try {
    for (const doc of parsePostings(settings.knowledge, text, name)) {
      if (doc instanceof InputError) {
        problems.push({ line: doc.line, reason: doc.reason });
        continue;
      }
      const { result, problem } = lintPosting(doc, name, settings);
      results.push(result);
      if (problem) problems.push({ line: null, reason: problem });
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push({ line: e.line, reason: e.reason });
  }
  return { results, problems };
}
