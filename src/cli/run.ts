import { CommanderError } from "commander";
import { join, resolve } from "node:path";
import { builtinRules } from "../../rules/index.js";
import { ConfigLoader, UNTRUSTED_ENV } from "../config/load.js";
import { DataError } from "../data/errors.js";
import { documentDirectives, frontMatterSettings } from "../engine/directives.js";
import { lintDocument } from "../engine/linter.js";
import type { LintResult } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { formatters } from "../formatters/index.js";
import { discover } from "./discover.js";
import { readInputs } from "./inputs.js";
import type { CliIo } from "./io.js";
import { loadBuiltinKnowledge, readBuiltinSources } from "./knowledge-files.js";
import { program, VERSION, type Options } from "./program.js";

export const EXIT_OK = 0;
export const EXIT_LINT = 1;
export const EXIT_FAILURE = 2;

function useColour(io: CliIo, opt: boolean | undefined): boolean {
  if (opt !== undefined) return opt;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== "0";
  if (io.env.NO_COLOR) return false;
  return Boolean(io.stdout.isTTY);
}

/** One line for stderr: the input, the line where known, the reason. */
function problemLine(file: string, reason: string, line: number | null = null): string {
  return `jdlint: ${file}${line ? `:${line}` : ""}: ${reason}\n`;
}

/** The whole command: parses argv, lints, prints, and returns the exit code. Never exits the process. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version" ? EXIT_OK : EXIT_FAILURE;
    throw e;
  }
  const opts = cmd.opts<Options>();
  // Piped input with no paths is read as standard input.
  const paths = cmd.args.length === 0 && io.stdin?.piped ? ["-"] : cmd.args;
  if (paths.length === 0 && !opts.printConfig) {
    io.stderr.write("jdlint: no postings given. Try: jdlint posting.md, or jdlint --help\n");
    return EXIT_FAILURE;
  }
  try {
    const knowledge = await loadBuiltinKnowledge();
    const configs = new ConfigLoader({
      cwd: io.cwd,
      builtins: { rules: builtinRules, sources: await readBuiltinSources(), knowledge },
      untrusted: opts.untrusted || Boolean(io.env[UNTRUSTED_ENV] && io.env[UNTRUSTED_ENV] !== "0"),
      configFile: opts.config === true ? undefined : opts.config,
      cliRules: opts.rule,
    });
    if (opts.printConfig) {
      io.stdout.write(`${JSON.stringify(await configs.printConfig(resolve(io.cwd, opts.printConfig)), null, 2)}\n`);
      return EXIT_OK;
    }
    const { files, problems } = await discover(paths, io);
    let failed = problems.length > 0;
    for (const p of problems) io.stderr.write(problemLine(p.file, p.reason));
    const results: LintResult[] = [];
    const metas = new Map<string, RuleMeta>();
    for await (const item of readInputs(knowledge, files, io, {
      inputFormat: opts.inputFormat,
      stdinFilename: opts.stdinFilename,
      csvColumns: opts.csvColumns,
    })) {
      if ("error" in item) {
        failed = true;
        io.stderr.write(problemLine(item.file, item.error, item.line));
        continue;
      }
      const isUrl = /^https?:\/\//i.test(item.file);
      const settings = await configs.settingsFor(isUrl ? join(io.cwd, "-") : resolve(io.cwd, item.file));
      for (const r of settings.rules) metas.set(r.rule.meta.id, r.rule.meta);
      const { doc } = item;
      const front = frontMatterSettings(doc.meta);
      if (front.problem) {
        failed = true;
        io.stderr.write(problemLine(item.file, front.problem));
      }
      const directives = documentDirectives(doc.raw, doc.format, doc.meta);
      results.push(lintDocument(doc, item.file, settings, { directives, reportUnused: opts.reportUnusedDisableDirectives }));
    }
    const shown = opts.quiet ? results.map(onlyErrors) : results;
    const report = formatters[opts.format]!(shown, {
      color: opts.outputFile ? false : useColour(io, opts.color),
      cwd: io.cwd,
      rules: metas.size ? [...metas.values()] : builtinRules.map((r) => r.meta),
      version: VERSION,
    });
    if (opts.outputFile) await io.writeFile(resolve(io.cwd, opts.outputFile), report);
    else io.stdout.write(report);
    if (failed) return EXIT_FAILURE;
    const errors = results.reduce((s, r) => s + r.errorCount, 0);
    const warnings = results.reduce((s, r) => s + r.warningCount, 0);
    if (errors > 0 || (opts.maxWarnings >= 0 && warnings > opts.maxWarnings)) return EXIT_LINT;
    return EXIT_OK;
  } catch (e) {
    if (e instanceof DataError) {
      io.stderr.write(`jdlint: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr.write(`jdlint: internal error: ${(e as Error).message}${opts.debug ? `\n${(e as Error).stack}` : " (run with --debug for details)"}\n`);
    return EXIT_FAILURE;
  }
}

function onlyErrors(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === "error");
  return { ...r, messages, warningCount: 0, infoCount: 0 };
}
