import type { Loader, PublicExplorer } from "cosmiconfig";
import { existsSync, promises as fsp, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { DataError } from "../data/errors.js";
import { YamlFile } from "../data/yaml-file.js";
import type { LintSettings } from "../engine/linter.js";
import type { Knowledge, SourceFile } from "../lexicon/knowledge.js";
import { importFile } from "./import-file.js";
import { readPlugin } from "./plugins.js";
import { isPreset, PRESETS } from "./presets.js";
import {
  configError,
  printableConfig,
  readLayer,
  resolveConfig,
  settingsFor,
  type Builtins,
  type ConfigLayer,
  type ConfigSource,
  type FileList,
  type LoadedConfig,
  type LoadedLayer,
  type LoadedPlugin,
  type ResolvedConfig,
} from "./resolve.js";

/** Where a config is looked for in each folder, nearest folder first. */
export const SEARCH_PLACES = [
  "package.json",
  ".jdlintrc",
  ".jdlintrc.json",
  ".jdlintrc.yaml",
  ".jdlintrc.yml",
  "jdlint.config.js",
  "jdlint.config.mjs",
  "jdlint.config.cjs",
];

/** Where cosmiconfig looks, in the process's working folder, for a config of its own search. */
const META_PLACES = ["package.json", "package.yaml", ...["json", "yaml", "yml", "js", "ts", "cjs", "mjs"].map((e) => `.config/config.${e}`)];

/** The errors cosmiconfig takes to mean "no file here". */
const NO_FILE = new Set(["ENOENT", "ENOTDIR", "EACCES"]);

/** Whether cosmiconfig would find something at a path: a file or folder, or an error it does not pass over. */
function somethingAt(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (e) {
    return !NO_FILE.has((e as NodeJS.ErrnoException).code ?? "");
  }
}

/**
 * Whether cosmiconfig could find something at a place: for a package.json, only when it has the key (cosmiconfig
 * passes over one without it), so a Node project's package.json alone does not load cosmiconfig (some 20 ms) and
 * search every folder with it. A package.json that cannot be read as JSON is left to cosmiconfig, to report.
 */
function mayHoldConfig(path: string, packageKey: string): boolean {
  if (!somethingAt(path)) return false;
  if (basename(path) !== "package.json") return true;
  try {
    const pkg = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown> | null;
    return pkg === null || pkg[packageKey] != null;
  } catch {
    return true;
  }
}

/** The environment variable that turns on --untrusted. */
export const UNTRUSTED_ENV = "JDLINT_UNTRUSTED";

export interface LoaderOptions {
  cwd: string;
  builtins: Builtins;
  /** Refuse to run code from the repository: JavaScript configs, plugins, JavaScript shared configs. */
  untrusted: boolean;
  /** --config: this one file for every input; false for --no-config; undefined to search. */
  configFile?: string | false;
  /** --rule settings, laid over every config. */
  cliRules?: string[];
}

const CODE = /\.(?:[cm]?js|[cm]?ts)$/i;

/** The --rule values as one config layer: each is a `rule-id: setting` mapping in YAML or JSON. */
export function cliRuleLayer(values: string[], cwd: string): ConfigLayer | null {
  if (!values.length) return null;
  const rules: Record<string, unknown> = {};
  for (const text of values) {
    const value = YamlFile.parse(text, "--rule").value();
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new DataError("--rule", null, `expected "rule-id: severity" or "rule-id: [severity, {options}]", got "${text}"`);
    for (const key of Object.keys(value)) if (FORBIDDEN.has(key)) throw new DataError("--rule", null, `key "${key}" is not allowed`);
    Object.assign(rules, value);
  }
  return readLayer({ file: "--rule", path: join(cwd, "--rule"), value: { rules }, lineOf: () => null });
}

/** Reads configs (the IO part) and resolves them (pure), caching the config of each folder. */
export class ConfigLoader {
  private explorerLoad: Promise<PublicExplorer> | null = null;
  /** Whether cosmiconfig's own config (META_PLACES) may change where it searches: then every folder is searched with it. */
  private readonly metaConfig = META_PLACES.some((f) => mayHoldConfig(join(process.cwd(), f), "cosmiconfig"));
  private readonly cli: ConfigLayer | null;
  private readonly byFolder = new Map<string, Promise<ResolvedConfig>>();
  private readonly byFile = new Map<string, Promise<ResolvedConfig>>();
  private readonly knowledgeCache = new Map<string, Knowledge>();
  private none: ResolvedConfig | null = null;

  constructor(private readonly opts: LoaderOptions) {
    this.cli = cliRuleLayer(opts.cliRules ?? [], opts.cwd);
    if (opts.untrusted) {
      // cosmiconfig runs these itself, to configure where it searches.
      for (const f of [".config/config.js", ".config/config.cjs", ".config/config.mjs", ".config/config.ts"]) {
        if (existsSync(join(process.cwd(), f))) throw new DataError(f, null, refusal("this JavaScript file would be run to configure the config search"));
      }
    }
  }

  /** cosmiconfig, imported when first needed: most runs have no config file anywhere. */
  private explorer(): Promise<PublicExplorer> {
    this.explorerLoad ??= import("cosmiconfig").then(({ cosmiconfig }) => {
      const data: Loader = (path, text) => this.dataSource(path, text);
      const code: Loader = (path) => this.codeSource(path);
      return cosmiconfig("jdlint", {
        searchPlaces: SEARCH_PLACES,
        searchStrategy: "none",
        loaders: { ".json": data, ".yaml": data, ".yml": data, noExt: data, ".js": code, ".mjs": code, ".cjs": code, ".ts": code },
      });
    });
    return this.explorerLoad;
  }

  private display(path: string): string {
    return relative(this.opts.cwd, path) || path;
  }

  /** A YAML or JSON config (JSON is read as YAML, so that errors name the line). */
  private dataSource(path: string, text: string): { source: ConfigSource } | { jdlint?: { source: ConfigSource } } {
    const y = YamlFile.parse(text, this.display(path));
    const value = y.value();
    if (/(^|[\\/])package\.json$/.test(path)) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, "jdlint")) return {};
      const jdlint = (value as Record<string, unknown>).jdlint;
      return { jdlint: { source: { file: y.file, path, value: jdlint, lineOf: (at) => y.lineOf(["jdlint", ...at]) } } };
    }
    return { source: { file: y.file, path, value: value ?? {}, lineOf: (at) => y.lineOf(at) } };
  }

  /** A JavaScript config: its default export. Refused under --untrusted. */
  private async codeSource(path: string): Promise<{ source: ConfigSource }> {
    const file = this.display(path);
    if (/\.[cm]?ts$/i.test(path)) throw new DataError(file, null, "TypeScript configs are not supported; use .jdlintrc.yaml, .json or jdlint.config.js");
    if (this.opts.untrusted) throw new DataError(file, null, refusal("JavaScript configs run code"));
    const mod = await importModule(path, file);
    const value = mod.default ?? mod;
    return { source: { file, path, value, lineOf: () => null } };
  }

  /** Loads a config file with everything it extends, and resolves it. */
  private async loadFile(path: string): Promise<ResolvedConfig> {
    let hit = this.byFile.get(path);
    if (!hit) {
      hit = (async () => {
        const src = await this.readSource(path);
        const loaded = await this.loadChain(src, [path]);
        return resolveConfig({ file: src.file, ...loaded }, this.opts.builtins, this.cli, this.knowledgeCache);
      })();
      this.byFile.set(path, hit);
    }
    return hit;
  }

  private async readSource(path: string): Promise<ConfigSource> {
    const explorer = await this.explorer();
    let result;
    try {
      result = await explorer.load(path);
    } catch (e) {
      if (e instanceof DataError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new DataError(this.display(path), null, code === "ENOENT" ? "no such config file" : `cannot read config (${firstLine(e)})`);
    }
    const config = result?.config as { source?: ConfigSource } | undefined;
    if (config?.source) return config.source;
    // An empty file, or a package.json without a jdlint key.
    return { file: this.display(path), path, value: {}, lineOf: () => null };
  }

  /** The config and what it extends, in the order they apply, and the plugins they name. */
  private async loadChain(src: ConfigSource, stack: string[]): Promise<Omit<LoadedConfig, "file">> {
    const layer = readLayer(src);
    const dir = dirname(src.path);
    const steps: LoadedConfig["steps"] = [];
    const plugins: LoadedPlugin[] = [];
    for (const { name, at } of layer.extends) {
      if (isPreset(name)) {
        if (!PRESETS.has(name)) throw configError(src, at, `unknown preset "${name}" (known: ${[...PRESETS.keys()].join(", ")})`);
        steps.push({ preset: name });
        continue;
      }
      const path = this.locate(name, dir, src, at, "shared config");
      if (stack.includes(path)) throw configError(src, at, `"${name}" extends itself (through ${stack.map((p) => this.display(p)).join(" -> ")})`);
      if (this.opts.untrusted && CODE.test(path)) throw configError(src, at, refusal(`"${name}" is a JavaScript config`));
      const sub = await this.loadChain(await this.readSource(path), [...stack, path]);
      steps.push(...sub.steps);
      plugins.push(...sub.plugins);
    }
    for (const { name, at } of layer.plugins) {
      const plugin = await this.loadPlugin(name, src, at);
      if (!plugins.some((p) => p.name === plugin.name)) plugins.push(plugin);
    }
    const own: LoadedLayer = {
      layer,
      lexicons: await this.readData(layer.lexicons, dir, src, "lexicon"),
      titles: await this.readData(layer.titles, dir, src, "titles"),
    };
    steps.push(own);
    return { steps, plugins };
  }

  /** A path (./x, ../x, /x) against the config's folder, or a package installed where the config is. */
  private locate(name: string, dir: string, src: ConfigSource, at: (string | number)[], what: string): string {
    if (name.startsWith(".") || isAbsolute(name)) return resolve(dir, name);
    try {
      return createRequire(join(dir, "package.json")).resolve(name);
    } catch {
      throw configError(src, at, `cannot find ${what} "${name}" from ${this.display(dir) || "."} (install the package, or give a path starting with ./)`);
    }
  }

  private async loadPlugin(name: string, src: ConfigSource, at: (string | number)[]): Promise<LoadedPlugin> {
    if (this.opts.untrusted) throw configError(src, at, refusal(`plugin "${name}" is JavaScript`));
    const path = this.locate(name, dirname(src.path), src, at, "plugin");
    let mod;
    try {
      mod = await importFile(path);
    } catch (e) {
      throw configError(src, at, `plugin "${name}" could not be loaded: ${firstLine(e)}`);
    }
    let exports;
    try {
      exports = readPlugin(mod);
    } catch (e) {
      throw configError(src, at, `plugin "${name}" is malformed: ${firstLine(e)}`);
    }
    const read = (files: string[], kind: string) =>
      this.readData({ mode: "extend", files: files.map((f) => ({ name: f, at })) }, dirname(path), src, kind);
    return { name, src, at, rules: exports.rules, lexicons: await read(exports.lexicons, "lexicon"), titles: await read(exports.titles, "titles") };
  }

  /** Reads lexicon or titles files named in a config; they are compiled (and checked) when the config is resolved. */
  private async readData(list: FileList | null, dir: string, src: ConfigSource, kind: string): Promise<SourceFile[]> {
    const out: SourceFile[] = [];
    for (const { name, at } of list?.files ?? []) {
      const path = resolve(dir, name);
      let text: string;
      try {
        text = await fsp.readFile(path, "utf8");
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw configError(src, at, `cannot read ${kind} file "${name}" (${code === "ENOENT" ? "no such file" : (code ?? "error")})`);
      }
      const file = this.display(path);
      // Parsed once here only to refuse __proto__ keys and oversized or alias-bomb documents, naming the line.
      refusePollutingYaml(YamlFile.parse(text, file));
      out.push({ file, text });
    }
    return out;
  }

  /** The config of files in `dir`: the nearest one in it or a folder above it. */
  private forFolder(dir: string): Promise<ResolvedConfig> {
    let hit = this.byFolder.get(dir);
    if (!hit) {
      hit = (async () => {
        // A folder with nothing there cosmiconfig could read holds no config: no need to load it.
        const found = this.metaConfig || SEARCH_PLACES.some((f) => mayHoldConfig(join(dir, f), "jdlint")) ? await this.search(dir) : null;
        if (found && !found.isEmpty) return this.loadFile(found.filepath);
        const parent = dirname(dir);
        return parent === dir ? this.noConfig() : this.forFolder(parent);
      })();
      this.byFolder.set(dir, hit);
    }
    return hit;
  }

  private async search(dir: string) {
    const explorer = await this.explorer();
    return explorer.search(dir).catch((e: unknown) => {
      if (e instanceof DataError) throw e;
      throw new DataError(this.display(dir), null, `cannot read config (${firstLine(e)})`);
    });
  }

  private noConfig(): ResolvedConfig {
    this.none ??= resolveConfig({ file: null, steps: [], plugins: [] }, this.opts.builtins, this.cli, this.knowledgeCache);
    return this.none;
  }

  /** The config that applies to a file (an absolute path; for standard input or a URL, one in the working folder). */
  configFor(absFile: string): Promise<ResolvedConfig> {
    const { configFile } = this.opts;
    if (configFile === false) return Promise.resolve(this.noConfig());
    if (configFile) return this.loadFile(resolve(this.opts.cwd, configFile));
    return this.forFolder(dirname(absFile));
  }

  async settingsFor(absFile: string): Promise<LintSettings> {
    return settingsFor(await this.configFor(absFile), absFile);
  }

  async printConfig(absFile: string): Promise<Record<string, unknown>> {
    return printableConfig(await this.configFor(absFile), absFile);
  }
}

function refusal(what: string): string {
  return `${what}; refused because of --untrusted (or ${UNTRUSTED_ENV}). Use a YAML or JSON config, or run without --untrusted on trusted code`;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0]!;
}

async function importModule(path: string, file: string): Promise<Record<string, unknown>> {
  try {
    return await importFile(path);
  } catch (e) {
    throw new DataError(file, null, `config could not be loaded: ${firstLine(e)}`);
  }
}

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function refusePollutingYaml(y: YamlFile): void {
  const walk = (v: unknown, at: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN.has(k)) throw y.error([...at, k], `key "${k}" is not allowed`);
        walk(x, [...at, k]);
      }
  };
  walk(y.value(), []);
}
