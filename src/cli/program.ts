import { Command, InvalidArgumentError, Option } from "commander";
import { UNTRUSTED_ENV } from "../config/load.js";
import { parseSize } from "../config/resolve.js";
import { FORMAT_NAMES, type FormatName } from "../formatters/load.js";
import { parseColumnMapping } from "../parsers/csv.js";
import { INPUT_FORMATS, type InputFormat } from "../parsers/index.js";
import type { CliIo } from "./io.js";

export const VERSION = "0.1.0";

/** The command line's options, as commander parses them. */
export interface Options {
  format: FormatName;
  outputFile?: string;
  maxWarnings: number;
  quiet: boolean;
  color?: boolean;
  inputFormat?: InputFormat;
  stdinFilename?: string;
  csvColumns?: Record<string, string>;
  debug: boolean;
  /** --config <path>: a path; --no-config: false. */
  config: string | boolean;
  rule: string[];
  printConfig?: string;
  listRules: boolean;
  reportUnusedDisableDirectives: boolean;
  untrusted: boolean;
  /** --max-posting-size, in bytes; unset: the config's maxPostingSize, else 5 MB. */
  maxPostingSize?: number;
  fix: boolean;
  fixDryRun: boolean;
  explain: boolean;
  ignorePattern: string[];
  /** false for --no-error-on-unmatched-pattern. */
  errorOnUnmatchedPattern: boolean;
}

/** The jdlint command: its options, help text and exit codes. */
export function program(io: CliIo): Command {
  return new Command("jdlint")
    .description(
      "Lint job postings: compare what the title claims with what the duties really are (marketing, sales or " +
        "customer service), show the evidence line by line, and suggest titles that fit.",
    )
    .version(VERSION, "-v, --version")
    .argument("[paths...]", "posting files, folders (postings inside are linted), globs, http(s) URLs, or - for standard input")
    .addOption(new Option("-f, --format <name>", "output format").choices(FORMAT_NAMES).default("stylish"))
    .option("-o, --output-file <path>", "write the report to a file instead of standard output")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", (v) => parseCount(v), -1)
    .option("--quiet", "report errors only", false)
    .option("--color", "force colour output")
    .option("--no-color", "disable colour output")
    .addOption(new Option("--input-format <name>", "read every input as this format").choices([...INPUT_FORMATS]))
    .option("--stdin-filename <name>", "the file name standard input stands for (its ending chooses the format)")
    .option("--csv-columns <map>", "CSV columns by other names, e.g. title=Job Name,description=Body", csvColumns)
    .option("-c, --config <path>", "use this config file, and no other")
    .option("--no-config", "ignore config files (.jdlintrc*, jdlint.config.*, package.json#jdlint)")
    .option("--rule <setting>", "set a rule for this run, e.g. 'title-duty-mismatch: off' (repeatable)", (v, all: string[]) => [...all, v], [])
    .option("--list-rules", "list the rules (built-in, and from the config's plugins) with their default severity, and exit", false)
    .option("--print-config <file>", "print the config that applies to a file, as JSON, and exit")
    .option("--report-unused-disable-directives", "report jdlint-disable directives that silence nothing", false)
    .option("--max-posting-size <size>", "refuse a posting larger than this: a posting file, or a record's text (default 5MB)", postingSize)
    .option("--untrusted", `refuse JavaScript configs and plugins, for CI on untrusted code (or set ${UNTRUSTED_ENV}=1)`, false)
    .option("--fix", "retitle flagged postings in place with the top suggested title, where the file allows", false)
    .option("--fix-dry-run", "print the retitles --fix would make, as a diff, instead of the report; change nothing", false)
    .option("--explain", "explain each posting for a job seeker: duty lines, duty mix, why, which titles fit (or: jdlint explain <file|url>)", false)
    .option("--ignore-pattern <glob>", "leave out files (or folders) matching this glob, besides .gitignore and .jdlintignore (repeatable)", (v, all: string[]) => [...all, v], [])
    .option("--no-error-on-unmatched-pattern", "do not fail when a file, folder or glob matches nothing")
    .option("--debug", "print stack traces of internal errors", false)
    .addHelpText(
      "after",
      "\nExit codes:\n  0  no errors (and warnings within --max-warnings)\n  1  lint errors, or more warnings than --max-warnings\n" +
        "  2  a usage, configuration or input problem (the other inputs are still linted)\n\n" +
        "Commands:\n  jdlint init                write a commented .jdlintrc.yaml here\n  jdlint explain <file|url>  the same as --explain\n\n" +
        "Examples:\n  jdlint posting.md\n  jdlint --format json jobs/\n  jdlint 'careers/**/*.md' --max-warnings 0\n",
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
}

function csvColumns(v: string): Record<string, string> {
  try {
    return parseColumnMapping(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function postingSize(v: string): number {
  const size = parseSize(v);
  if (size === null) throw new InvalidArgumentError(`expected a size in bytes, or like 5MB or 512KB`);
  return size;
}

function parseCount(v: string): number {
  const n = Number(v);
  if (!v.trim() || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`takes a whole number (0 or more), got "${v}"`);
  return n;
}

