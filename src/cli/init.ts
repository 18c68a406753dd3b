import { join } from "node:path";
import type { RuleMeta } from "../engine/types.js";
import { recommendedSeverity } from "../config/presets.js";
import { DEFAULT_THRESHOLDS } from "../judge/thresholds.js";
import type { CliIo } from "./io.js";

export const INIT_FILE = ".jdlintrc.yaml";

/** The starter config: every setting a team is likely to want, commented, so that it reads as documentation. */
export function starterConfig(rules: RuleMeta[]): string {
  const width = Math.max(...rules.map((r) => r.id.length)) + 2;
  return [
    "# jdlint configuration. See docs/configuration.md for every option.",
    "# yaml-language-server: $schema=node_modules/jdlint/schema/jdlint.schema.json",
    "",
    "# Presets: jdlint:recommended (each rule at its default severity), jdlint:inclusive (the recommended rules and the",
    "# language rules: exclusionary wording, unrealistic expectations) or jdlint:strict (every rule an error).",
    "extends: jdlint:recommended",
    "",
    "# Each rule at its default severity: set off, info, warn or error, or [severity, { options }].",
    "rules:",
    ...rules.map((r) => `  ${`${r.id}:`.padEnd(width)}${(recommendedSeverity({ meta: r }) ?? "off").padEnd(8)}# ${r.description}`),
    "",
    "# Different settings for some files: globs relative to this file's folder.",
    "# overrides:",
    "#   - files: [\"legacy/**\"]",
    "#     rules:",
    "#       title-duty-mismatch: warn",
    "",
    "# The numbers behind a verdict (src/judge/thresholds.ts). Under errorConfidence a mismatch is a warning.",
    "# thresholds:",
    `#   errorConfidence: ${DEFAULT_THRESHOLDS.errorConfidence}`,
    `#   hybridShare: ${DEFAULT_THRESHOLDS.hybridShare}`,
    "",
    "# Your organisation's own words for sales, marketing or service work, and in-house titles.",
    "# lexicons: [./jdlint/our-sales-words.yaml]",
    "# titles:",
    "#   mode: extend",
    "#   files: [./jdlint/our-titles.yaml]",
    "",
    "# Files to leave out go in .jdlintignore (.gitignore syntax).",
    "",
  ].join("\n");
}

/** `jdlint init`: writes the starter config in the working folder; never overwrites one. Returns the exit code. */
export async function init(io: CliIo, rules: RuleMeta[]): Promise<number> {
  const path = join(io.cwd, INIT_FILE);
  if ((await io.kind(path)) !== null) {
    io.stderr.write(`jdlint: ${INIT_FILE}: already exists; not overwritten (edit it, or remove it and run jdlint init again)\n`);
    return 2;
  }
  try {
    await io.writeFile(path, starterConfig(rules));
  } catch (e) {
    io.stderr.write(`jdlint: ${INIT_FILE}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return 2;
  }
  io.stdout.write(`Wrote ${INIT_FILE}. Run jdlint on your postings, e.g. jdlint 'jobs/**/*.md'\n`);
  return 0;
}
