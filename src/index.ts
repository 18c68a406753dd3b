/**
 * jdlint's programmatic API (documented in docs/api.md). Nothing here prints, exits or writes a file: results
 * come back as data, and problems with an input or a config are thrown as errors naming the file.
 */
import { resolve } from "node:path";
import { builtinRules } from "../rules/index.js";
import { discover } from "./cli/discover.js";
import { readInputs } from "./cli/inputs.js";
import type { CliIo } from "./cli/io.js";
import { loadBuiltinKnowledge, readBuiltinSources } from "./cli/knowledge-files.js";
import { nodeIo } from "./cli/node-io.js";
import { ConfigLoader } from "./config/load.js";
import { InputError } from "./data/errors.js";
import { lintPosting, type LintSettings } from "./engine/linter.js";
import type { LintResult } from "./engine/result.js";
import type { Knowledge } from "./lexicon/knowledge.js";
import type { PostingDocument } from "./model/document.js";
import { parsePostings, type InputFormat } from "./parsers/index.js";

export { formatters } from "./formatters/index.js";
export { github } from "./formatters/github.js";
export { html } from "./formatters/html.js";
export { json } from "./formatters/json.js";
export { jsonl } from "./formatters/jsonl.js";
export { junit } from "./formatters/junit.js";
export { markdown } from "./formatters/markdown.js";
export { sarif } from "./formatters/sarif.js";
export { stylish } from "./formatters/stylish.js";
export { explain } from "./cli/explain.js";
export { DataError, InputError } from "./data/errors.js";
export { builtinRules } from "../rules/index.js";
export type { Formatter, FormatterContext } from "./formatters/types.js";
export type { EvidenceReport, LintResult, QuotaReport, VerdictReport } from "./engine/result.js";
export type { LintMessage, Report, Rule, RuleContext, RuleMeta, Severity, Suggestion } from "./engine/types.js";
export type { PostingDocument } from "./model/document.js";
export type { InputFormat } from "./parsers/index.js";

export interface ConfigOptions {
  /** Where config files are looked for (from each file's folder up) and relative paths start. Default: process.cwd(). */
  cwd?: string;
  /** One config file for every input (like --config), or false for none at all (like --no-config). */
  configFile?: string | false;
  /** Rule settings laid over every config, like --rule: `{ "title-duty-mismatch": "warn" }`. */
  rules?: Record<string, unknown>;
  /** Refuse JavaScript configs and plugins (like --untrusted). */
  untrusted?: boolean;
}

/** Loaded configuration: the built-in knowledge and the configs that apply, cached per folder. */
export class JdlintConfig {
  /** @internal Use loadConfig(). */
  constructor(
    readonly cwd: string,
    readonly knowledge: Knowledge,
    private readonly loader: ConfigLoader,
  ) {}

  /** The settings (rules, knowledge, thresholds) that apply to a file. */
  settingsFor(file: string): Promise<LintSettings> {
    return this.loader.settingsFor(resolve(this.cwd, file));
  }

  /** The config that applies to a file, as `jdlint --print-config` shows it. */
  printConfig(file: string): Promise<Record<string, unknown>> {
    return this.loader.printConfig(resolve(this.cwd, file));
  }
}

/** Loads the configuration; throws a DataError naming the file and line for a config that is not valid. */
export async function loadConfig(opts: ConfigOptions = {}): Promise<JdlintConfig> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const knowledge = await loadBuiltinKnowledge();
  const loader = new ConfigLoader({
    cwd,
    builtins: { rules: builtinRules, sources: await readBuiltinSources(), knowledge },
    untrusted: opts.untrusted ?? false,
    configFile: opts.configFile,
    cliRules: Object.entries(opts.rules ?? {}).map(([id, setting]) => JSON.stringify({ [id]: setting })),
  });
  return new JdlintConfig(cwd, knowledge, loader);
}

/** Problems with inputs (a file that cannot be read, a malformed record, a pattern that matches nothing). */
export class JdlintInputError extends Error {
  constructor(readonly problems: InputError[]) {
    super(problems.map((p) => p.message).join("\n"));
    this.name = "JdlintInputError";
  }
}

export interface LintTextOptions {
  /** The file the text stands for: its ending chooses the format, its folder the config. */
  filePath?: string;
  /** The format, when the name does not say it (see --input-format). */
  format?: InputFormat;
  /** A loaded config, or options to load one. Default: the config files found from the working folder. */
  config?: JdlintConfig | ConfigOptions;
}

export interface LintFilesOptions {
  cwd?: string;
  config?: JdlintConfig | ConfigOptions;
  /** Globs of files to leave out, besides .gitignore and .jdlintignore (like --ignore-pattern). */
  ignorePatterns?: string[];
  /** false: a pattern that matches nothing is not an error (like --no-error-on-unmatched-pattern). */
  errorOnUnmatchedPattern?: boolean;
}

async function configOf(config: JdlintConfig | ConfigOptions | undefined, cwd?: string): Promise<JdlintConfig> {
  return config instanceof JdlintConfig ? config : loadConfig({ cwd, ...config });
}

/** Lints one posting file's text (which may hold several postings: JSON, JSONL, CSV). */
export async function lintText(text: string, opts: LintTextOptions = {}): Promise<LintResult[]> {
  const config = await configOf(opts.config);
  const file = opts.filePath ?? "<text>";
  const problems: InputError[] = [];
  const results: LintResult[] = [];
  try {
    for (const doc of parsePostings(config.knowledge, text, file, { format: opts.format })) {
      if (doc instanceof InputError) problems.push(doc);
      else results.push(await lintOne(config, doc, file, problems));
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(e);
  }
  if (problems.length) throw new JdlintInputError(problems);
  return results;
}

/** Lints files, folders (the postings inside) and globs, as the command line does. */
export async function lintFiles(patterns: string[], opts: LintFilesOptions = {}): Promise<LintResult[]> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const config = await configOf(opts.config, cwd);
  const io: CliIo = { ...nodeIo(), cwd, stdin: undefined, stdout: { write: () => undefined }, stderr: { write: () => undefined } };
  const found = await discover(patterns, io, { ignorePatterns: opts.ignorePatterns, errorOnUnmatched: opts.errorOnUnmatchedPattern });
  const problems = found.problems.map((p) => new InputError(p.file, p.reason));
  const results: LintResult[] = [];
  for await (const item of readInputs(config.knowledge, found.files, io, {})) {
    if ("error" in item) problems.push(new InputError(item.file, item.error, item.line));
    else results.push(await lintOne(config, item.doc, item.file, problems));
  }
  if (problems.length) throw new JdlintInputError(problems);
  return results;
}

async function lintOne(config: JdlintConfig, doc: PostingDocument, file: string, problems: InputError[]): Promise<LintResult> {
  const { result, problem } = lintPosting(doc, file, await config.settingsFor(file === "<text>" ? "-" : file));
  if (problem) problems.push(new InputError(file, problem));
  return result;
}
