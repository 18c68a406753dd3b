import { CommanderError } from "commander";
import { join, resolve } from "node:path";
import { builtinRules } from "../../rules/index.js";
import { recommendedSeverity } from "../config/presets.js";
import { ConfigLoader, UNTRUSTED_ENV } from "../config/load.js";
import { DataError } from "../data/errors.js";
import { lintPosting } from "../engine/linter.js";
import type { LintResult } from "../engine/result.js";
import type { RuleMeta } from "../engine/types.js";
import { loadFormatter } from "../formatters/load.js";
import { discover } from "./discover.js";
import { isUrl } from "./fetch.js";
import { applyFixes, planTitleFix, type TitleFix } from "./fix.js";
import { init } from "./init.js";
import { STDIN } from "./inputs.js";
import type { CliIo } from "./io.js";
import { loadBuiltins } from "./knowledge-files.js";
import { lintInputs, type Linted, type ParallelOptions } from "./lint-pool.js";
import { program, VERSION, type Options } from "./program.js";
import { Progress } from "./progress.js";

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
  // Two commands read as words: `jdlint init`, and `jdlint explain x` for `jdlint --explain x`.
  if (argv[0] === "init" && !argv.includes("--help") && !argv.includes("-h")) return init(io, builtinRules.map((r) => r.meta));
  if (argv[0] === "explain") argv = ["--explain", ...argv.slice(1)];
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
  if (paths.length === 0 && !opts.printConfig && !opts.listRules) {
    io.stderr.write("jdlint: no postings given. Try: jdlint posting.md, or jdlint --help\n");
    return EXIT_FAILURE;
  }
  try {
    const { knowledge, sources } = await loadBuiltins();
    const untrusted = opts.untrusted || Boolean(io.env[UNTRUSTED_ENV] && io.env[UNTRUSTED_ENV] !== "0");
    const configs = new ConfigLoader({
      cwd: io.cwd,
      builtins: { rules: builtinRules, sources, knowledge },
      untrusted,
      configFile: opts.config === true ? undefined : opts.config,
      cliRules: opts.rule,
    });
    if (opts.listRules) {
      const here = await configs.settingsFor(join(io.cwd, "-"));
      const metas = new Map(builtinRules.map((r) => [r.meta.id, r.meta]));
      for (const r of here.rules) metas.set(r.rule.meta.id, r.rule.meta);
      const width = Math.max(...[...metas.keys()].map((id) => id.length));
      for (const m of metas.values()) io.stdout.write(`${m.id.padEnd(width)}  ${(recommendedSeverity({ meta: m }) ?? "off").padEnd(7)}  ${m.description}\n`);
      return EXIT_OK;
    }
    if (opts.printConfig) {
      io.stdout.write(`${JSON.stringify(await configs.printConfig(resolve(io.cwd, opts.printConfig)), null, 2)}\n`);
      return EXIT_OK;
    }
    const { files, problems, ignored } = await discover(paths, io, {
      ignorePatterns: opts.ignorePattern,
      errorOnUnmatched: opts.errorOnUnmatchedPattern,
    });
    let failed = problems.length > 0;
    // Inputs that could not be read (a missing file, a record that is not JSON): the report's summary counts them.
    let unreadable = problems.length;
    for (const p of problems) io.stderr.write(problemLine(p.file, p.reason));
    for (const file of ignored) io.stderr.write(problemLine(file, "ignored by .jdlintignore or --ignore-pattern; not linted"));
    const metas = new Map<string, RuleMeta>();
    const fixing = opts.fix || opts.fixDryRun;
    // JSON lines are written as each posting is linted: a feed of any length in bounded memory.
    const streaming = opts.format === "jsonl" && !opts.explain && !opts.outputFile && !fixing;
    const streamed = { errors: 0, warnings: 0 };
    // Large JSONL files are linted on worker threads, which build the same config from these.
    const parallel: ParallelOptions = {
      setup: { cwd: io.cwd, untrusted, configFile: opts.config === true ? undefined : opts.config, cliRules: opts.rule, reportUnused: opts.reportUnusedDisableDirectives },
      asJson: streaming,
      env: io.env,
    };
    /** Keeps a result for the report, or, streaming, writes it now and keeps only its counts. */
    const keep = (results: LintResult[], r: Pick<Linted, "result" | "json" | "errorCount" | "warningCount">) => {
      const result = () => r.result ?? (JSON.parse(r.json!) as LintResult);
      if (!streaming) return void results.push(result());
      streamed.errors += r.errorCount;
      streamed.warnings += r.warningCount;
      io.stdout.write(r.json !== undefined && !opts.quiet ? `${r.json}\n` : `${JSON.stringify(opts.quiet ? onlyErrors(result()) : result())}\n`);
    };
    // Only files can be fixed: not standard input, nor a page fetched from a URL.
    const stdinName = files.includes(STDIN) ? (opts.stdinFilename ?? "<stdin>") : null;
    const fixable = new Set(files.filter((f) => f !== STDIN && !isUrl(f) && f !== stdinName));
    const fixes: TitleFix[] = [];
    const readOptions = {
      inputFormat: opts.inputFormat,
      stdinFilename: opts.stdinFilename,
      csvColumns: opts.csvColumns,
      // --max-posting-size, else the input's config (standard input's and URLs' is the working folder's).
      maxPostingSize:
        opts.maxPostingSize ??
        (async (file: string) => (await configs.configFor(isUrl(file) ? join(io.cwd, "-") : resolve(io.cwd, file))).maxPostingSize),
    };
    const lintAll = async (targets: string[], progress: Progress | null, planFixes: boolean): Promise<LintResult[]> => {
      const results: LintResult[] = [];
      for await (const item of lintInputs(knowledge, targets, io, readOptions, planFixes ? null : parallel)) {
        progress?.tick(item.file);
        if ("error" in item) {
          failed = true;
          unreadable++;
          io.stderr.write(problemLine(item.file, item.error, item.line));
          continue;
        }
        if ("linted" in item) {
          // Linted on a worker thread: the same settings, front-matter check and lint, done there.
          for (const r of (await configs.settingsFor(resolve(io.cwd, item.file))).rules) metas.set(r.rule.meta.id, r.rule.meta);
          if (item.linted.problem) {
            failed = true;
            io.stderr.write(problemLine(item.file, item.linted.problem));
          }
          keep(results, item.linted);
          continue;
        }
        const isUrl = /^https?:\/\//i.test(item.file);
        const settings = await configs.settingsFor(isUrl ? join(io.cwd, "-") : resolve(io.cwd, item.file));
        for (const r of settings.rules) metas.set(r.rule.meta.id, r.rule.meta);
        const { doc } = item;
        const { result, problem } = lintPosting(doc, item.file, settings, opts.reportUnusedDisableDirectives);
        if (problem) {
          failed = true;
          io.stderr.write(problemLine(item.file, problem));
        }
        keep(results, { result, errorCount: result.errorCount, warningCount: result.warningCount });
        const fix = planFixes && fixable.has(item.file) ? planTitleFix(doc, opts.quiet ? onlyErrors(result) : result) : null;
        if (fix && "reason" in fix) io.stderr.write(problemLine(fix.file, `not fixed: ${fix.reason}`));
        else if (fix) fixes.push(fix);
      }
      return results;
    };
    const progress = new Progress(io, files.length);
    let results = await lintAll(files, progress, fixing);
    progress.finish();
    let diff = "";
    if (fixing) {
      const outcome = await applyFixes(io, knowledge, fixes, { dryRun: opts.fixDryRun, ...readOptions });
      for (const s of outcome.skipped) io.stderr.write(problemLine(s.file, `not fixed: ${s.reason}`));
      diff = outcome.diff;
      if (!opts.fixDryRun && outcome.fixed.length) {
        for (const f of outcome.fixed) io.stderr.write(`jdlint: ${f.file}: retitled "${f.from}" as "${f.to}"\n`);
        // The report and the exit code are about the files as they are now.
        const fixedFiles = [...new Set(outcome.fixed.map((f) => f.file))];
        const relinted = await lintAll(fixedFiles, null, false);
        const placed = new Set<string>();
        results = results.flatMap((r) => {
          if (!fixedFiles.includes(r.filePath)) return [r];
          if (placed.has(r.filePath)) return [];
          placed.add(r.filePath);
          return relinted.filter((x) => x.filePath === r.filePath);
        });
      }
    }
    const shown = opts.quiet ? results.map(onlyErrors) : results;
    const color = opts.outputFile ? false : useColour(io, opts.color);
    // Only the report asked for is loaded (the explanation, or one format, and what it needs, such as chalk).
    const report = opts.explain
      ? (await import("./explain.js")).explain(shown, { color, cwd: io.cwd, rules: metas.size ? [...metas.values()] : builtinRules.map((r) => r.meta) })
      : (await loadFormatter(opts.format))(shown, {
          color,
          cwd: io.cwd,
          rules: metas.size ? [...metas.values()] : builtinRules.map((r) => r.meta),
          version: VERSION,
          unreadable,
        });
    // --fix-dry-run: the diff is the output; the report goes only to --output-file.
    if (opts.fixDryRun) io.stdout.write(diff);
    if (opts.outputFile) await io.writeFile(resolve(io.cwd, opts.outputFile), report);
    else if (!opts.fixDryRun) io.stdout.write(report);
    if (failed) return EXIT_FAILURE;
    const errors = streamed.errors + results.reduce((s, r) => s + r.errorCount, 0);
    const warnings = streamed.warnings + results.reduce((s, r) => s + r.warningCount, 0);
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
