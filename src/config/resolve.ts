import { dirname, relative, sep } from "node:path";
import { DataError } from "../data/errors.js";
import type { LintSettings } from "../engine/linter.js";
import type { Rule, Severity } from "../engine/types.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../judge/thresholds.js";
import { compileKnowledge, type Knowledge, type KnowledgeSources, type SourceFile } from "../lexicon/knowledge.js";
import { matchesGlob } from "./glob.js";
import { PRESETS, recommendedSeverity } from "./presets.js";
import { checkOptions, normaliseSeverity } from "./rules.js";
import { checkThreshold } from "./thresholds.js";

/** Where a value stands in a config: keys and list indexes from the top. */
export type Path = (string | number)[];

/** A config's value, and a way to say on which line of its file a value stands. */
export interface ConfigSource {
  /** As messages name it: relative to the working folder. */
  file: string;
  /** Absolute; paths in the config resolve against its folder. */
  path: string;
  value: unknown;
  lineOf(at: Path): number | null;
}

export function configError(src: Pick<ConfigSource, "file" | "lineOf">, at: Path, reason: string): DataError {
  return new DataError(src.file, src.lineOf(at), at.length ? `${reason} (at ${at.join(".")})` : reason);
}

/** A name (a preset, a package, a path) and where the config gives it. */
export interface Named {
  name: string;
  at: Path;
}

export interface RuleEntry {
  id: string;
  setting: unknown;
  at: Path;
}

export interface FileList {
  mode: "extend" | "replace";
  files: Named[];
}

/** One config file, its shape checked; rules are checked later, once plugins say which rules exist. */
export interface ConfigLayer {
  src: ConfigSource;
  extends: Named[];
  plugins: Named[];
  rules: RuleEntry[];
  overrides: Array<{ files: string[]; rules: RuleEntry[] }>;
  thresholds: Partial<Thresholds>;
  lexicons: FileList | null;
  titles: FileList | null;
  /** The largest posting read, in bytes, when the config sets it. */
  maxPostingSize: number | null;
}

const TOP_KEYS = ["$schema", "extends", "plugins", "rules", "overrides", "thresholds", "lexicons", "titles", "maxPostingSize"];

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i;
const UNITS: Record<string, number> = { "": 1, b: 1, byte: 1, bytes: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A size: a whole number of bytes, or "5MB", "512 KB", "1.5m" (powers of 1024). Null when it is not one. */
export function parseSize(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : null;
  if (typeof v !== "string") return null;
  const m = SIZE.exec(v);
  if (!m) return null;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? "").toLowerCase()]!);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : null;
}
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `__proto__` and friends are refused anywhere in a config, so that no object can be polluted through one. */
function rejectPollutingKeys(src: ConfigSource, v: unknown, at: Path = []): void {
  if (Array.isArray(v)) v.forEach((x, i) => rejectPollutingKeys(src, x, [...at, i]));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (FORBIDDEN_KEYS.has(k)) throw configError(src, [...at, k], `key "${k}" is not allowed`);
      rejectPollutingKeys(src, x, [...at, k]);
    }
}

function names(src: ConfigSource, v: unknown, at: Path): Named[] {
  if (v === undefined) return [];
  const list = typeof v === "string" ? [v] : v;
  if (!Array.isArray(list)) throw configError(src, at, "expected a name or a list of names");
  return list.map((n, i) => {
    if (typeof n !== "string" || !n.trim()) throw configError(src, [...at, i], "expected a non-empty string");
    return { name: n, at: typeof v === "string" ? at : [...at, i] };
  });
}

function ruleEntries(src: ConfigSource, v: unknown, at: Path): RuleEntry[] {
  if (v === undefined) return [];
  if (!isObject(v)) throw configError(src, at, "rules must be a mapping of rule ids to off, info, warn, error or [severity, options]");
  return Object.entries(v).map(([id, setting]) => ({ id, setting, at: [...at, id] }));
}

function fileList(src: ConfigSource, v: unknown, at: Path): FileList | null {
  if (v === undefined) return null;
  if (Array.isArray(v) || typeof v === "string") return { mode: "extend", files: names(src, v, at) };
  if (!isObject(v)) throw configError(src, at, "expected a list of files, or { mode: extend|replace, files: [...] }");
  for (const k of Object.keys(v)) if (k !== "mode" && k !== "files") throw configError(src, [...at, k], `unknown key "${k}" (expected mode, files)`);
  const mode = v.mode ?? "extend";
  if (mode !== "extend" && mode !== "replace") throw configError(src, [...at, "mode"], `mode must be extend or replace, got ${JSON.stringify(mode)}`);
  return { mode, files: names(src, v.files, [...at, "files"]) };
}

function thresholds(src: ConfigSource, v: unknown, at: Path): Partial<Thresholds> {
  if (v === undefined) return {};
  if (!isObject(v)) throw configError(src, at, "thresholds must be a mapping of threshold names to numbers");
  for (const [k, x] of Object.entries(v)) {
    const why = checkThreshold(k, x);
    if (why) throw configError(src, [...at, k], why);
  }
  return v as Partial<Thresholds>;
}

/** Checks a config's shape. Throws a DataError naming the file and line of the first problem. */
export function readLayer(src: ConfigSource): ConfigLayer {
  const v = src.value;
  if (!isObject(v)) throw configError(src, [], "a config must be a mapping (rules:, extends:, ...)");
  rejectPollutingKeys(src, v);
  for (const k of Object.keys(v)) {
    if (!TOP_KEYS.includes(k)) throw configError(src, [k], `unknown key "${k}" (expected one of: ${TOP_KEYS.slice(1).join(", ")})`);
  }
  const overrides = v.overrides === undefined ? [] : v.overrides;
  if (!Array.isArray(overrides)) throw configError(src, ["overrides"], "overrides must be a list of { files, rules }");
  return {
    src,
    extends: names(src, v.extends, ["extends"]),
    plugins: names(src, v.plugins, ["plugins"]),
    rules: ruleEntries(src, v.rules, ["rules"]),
    overrides: overrides.map((o, i) => {
      const at = ["overrides", i];
      if (!isObject(o)) throw configError(src, at, "an override must be a mapping { files, rules }");
      for (const k of Object.keys(o)) if (k !== "files" && k !== "rules") throw configError(src, [...at, k], `unknown key "${k}" (expected files, rules)`);
      const files = names(src, o.files, [...at, "files"]);
      if (!files.length) throw configError(src, [...at, "files"], "an override needs files: [globs]");
      return { files: files.map((f) => f.name), rules: ruleEntries(src, o.rules, [...at, "rules"]) };
    }),
    thresholds: thresholds(src, v.thresholds, ["thresholds"]),
    lexicons: fileList(src, v.lexicons, ["lexicons"]),
    titles: fileList(src, v.titles, ["titles"]),
    maxPostingSize: maxPostingSize(src, v.maxPostingSize),
  };
}

function maxPostingSize(src: ConfigSource, v: unknown): number | null {
  if (v === undefined) return null;
  const size = parseSize(v);
  if (size === null) throw configError(src, ["maxPostingSize"], `maxPostingSize must be a size in bytes, or like "5MB" or "512KB", got ${JSON.stringify(v)}`);
  return size;
}

/** A config layer with the lexicon and titles files it names read in. */
export interface LoadedLayer {
  layer: ConfigLayer;
  lexicons: SourceFile[];
  titles: SourceFile[];
}

export interface LoadedPlugin {
  name: string;
  /** The config that lists it, and where. */
  src: ConfigSource;
  at: Path;
  rules: Rule[];
  lexicons: SourceFile[];
  titles: SourceFile[];
}

/** A config file with everything it extends, in the order they apply (extended configs first). */
export interface LoadedConfig {
  /** The config file as messages name it, or null when no config applies. */
  file: string | null;
  steps: Array<{ preset: string } | LoadedLayer>;
  plugins: LoadedPlugin[];
}

/** What jdlint has without any config. */
export interface Builtins {
  rules: Rule[];
  sources: KnowledgeSources;
  knowledge: Knowledge;
}

interface RuleState {
  severity: Severity | null;
  options: Record<string, unknown>;
}

type RuleStates = Map<string, RuleState>;

interface Override {
  dir: string;
  files: string[];
  entries: RuleEntry[];
  src: ConfigSource;
}

/** A config ready to give the settings of any file it applies to. */
export interface ResolvedConfig {
  file: string | null;
  registry: Map<string, Rule>;
  rules: RuleStates;
  overrides: Override[];
  /** --rule settings: applied last, over overrides. */
  cli: { entries: RuleEntry[]; src: ConfigSource } | null;
  thresholds: Thresholds;
  knowledge: Knowledge;
  plugins: string[];
  lexicons: string[];
  titles: string[];
  /** The config's maxPostingSize, or null for the default. */
  maxPostingSize: number | null;
  settingsCache: Map<string, LintSettings>;
}

/** Lays rule settings over the states; a rule that does not exist or a wrong option is a DataError. */
function applyRules(states: RuleStates, registry: Map<string, Rule>, entries: RuleEntry[], src: ConfigSource): void {
  for (const { id, setting, at } of entries) {
    const rule = registry.get(id);
    if (!rule) {
      const hint = id.includes("/") ? "; is its plugin listed under plugins?" : ` (known rules: ${[...registry.keys()].join(", ")})`;
      throw configError(src, at, `unknown rule "${id}"${hint}`);
    }
    const [sev, options, ...rest] = Array.isArray(setting) ? setting : [setting];
    if (rest.length) throw configError(src, at, `rule "${id}": expected [severity, options]`);
    let severity: Severity | null;
    try {
      severity = normaliseSeverity(sev as never);
    } catch (e) {
      throw configError(src, at, `rule "${id}": ${(e as Error).message}`);
    }
    const prev = states.get(id)!;
    let opts = prev.options;
    if (options !== undefined) {
      try {
        opts = checkOptions(rule, options);
      } catch (e) {
        throw configError(src, [...at, 1], (e as Error).message);
      }
    }
    states.set(id, { severity, options: opts });
  }
}

function cloneStates(states: RuleStates): RuleStates {
  return new Map([...states].map(([id, s]) => [id, { ...s }]));
}

function mergeTitles(base: Knowledge["titles"], top: Knowledge["titles"]): Knowledge["titles"] {
  const taxonomy: Knowledge["titles"]["taxonomy"] = {};
  for (const t of [base.taxonomy, top.taxonomy])
    for (const [family, specs] of Object.entries(t)) taxonomy[family] = { ...taxonomy[family], ...specs };
  return { classify: [...top.classify, ...base.classify], taxonomy };
}

/**
 * The knowledge a config's lexicons and titles make. In-house titles are merged over the built-in ones:
 * their classify entries are checked first, so they win, and their taxonomy entries replace the built-in ones.
 */
function buildKnowledge(b: Builtins, lexicons: SourceFile[], titles: SourceFile[], keepTitles: boolean, cache: Map<string, Knowledge>): Knowledge {
  const key = JSON.stringify([lexicons.map((s) => s.file), titles.map((s) => s.file), keepTitles]);
  const hit = cache.get(key);
  if (hit) return hit;
  const sameLexicons = lexicons.length === b.sources.lexicons.length && lexicons.every((s, i) => s.text === b.sources.lexicons[i]?.text);
  const base = sameLexicons ? b.knowledge : compileKnowledge({ ...b.sources, lexicons });
  let merged: Knowledge["titles"] | null = keepTitles ? base.titles : null;
  for (const file of titles) {
    const own = compileKnowledge({ ...b.sources, lexicons, titles: file }).titles;
    merged = merged ? mergeTitles(merged, own) : own;
  }
  const knowledge = { ...base, titles: merged ?? base.titles };
  cache.set(key, knowledge);
  return knowledge;
}

/**
 * Merges a loaded config into one: presets and extended configs first, then the config itself; rules
 * checked against the built-in rules and the plugins' rules. `cli` is --rule, applied to every file last.
 */
export function resolveConfig(loaded: LoadedConfig, b: Builtins, cli: ConfigLayer | null, cache = new Map<string, Knowledge>()): ResolvedConfig {
  const registry = new Map(b.rules.map((r) => [r.meta.id, r]));
  for (const p of loaded.plugins) {
    for (const rule of p.rules) {
      if (registry.get(rule.meta.id) === rule) continue; // the same module, listed by two configs
      if (registry.has(rule.meta.id)) throw configError(p.src, p.at, `plugin "${p.name}" defines rule "${rule.meta.id}", which already exists`);
      registry.set(rule.meta.id, rule);
    }
  }
  const states: RuleStates = new Map([...registry.values()].map((r) => [r.meta.id, { severity: recommendedSeverity(r), options: checkOptions(r, {}) }]));
  const overrides: Override[] = [];
  let th: Thresholds = { ...DEFAULT_THRESHOLDS };
  let lexicons = [...b.sources.lexicons, ...loaded.plugins.flatMap((p) => p.lexicons)];
  let titles = loaded.plugins.flatMap((p) => p.titles);
  let keepTitles = true;
  let maxPostingSize: number | null = null;
  for (const step of loaded.steps) {
    if ("preset" in step) {
      const severityOf = PRESETS.get(step.preset)!;
      for (const [id, s] of states) s.severity = severityOf(registry.get(id)!);
      continue;
    }
    const { layer } = step;
    applyRules(states, registry, layer.rules, layer.src);
    th = { ...th, ...layer.thresholds };
    maxPostingSize = layer.maxPostingSize ?? maxPostingSize;
    for (const o of layer.overrides) {
      applyRules(cloneStates(states), registry, o.rules, layer.src);
      overrides.push({ dir: dirname(layer.src.path), files: o.files, entries: o.rules, src: layer.src });
    }
    if (layer.lexicons) lexicons = layer.lexicons.mode === "replace" ? [...step.lexicons] : [...lexicons, ...step.lexicons];
    if (layer.titles) {
      if (layer.titles.mode === "replace") {
        keepTitles = false;
        titles = [...step.titles];
      } else titles = [...titles, ...step.titles];
    }
  }
  if (cli) applyRules(cloneStates(states), registry, cli.rules, cli.src);
  if (!keepTitles && titles.length === 0) throw new DataError(loaded.file ?? "config", null, "titles: mode replace needs at least one titles file");
  return {
    file: loaded.file,
    registry,
    rules: states,
    overrides,
    cli: cli ? { entries: cli.rules, src: cli.src } : null,
    thresholds: th,
    knowledge: buildKnowledge(b, lexicons, titles, keepTitles, cache),
    plugins: loaded.plugins.map((p) => p.name),
    lexicons: lexicons.map((s) => s.file),
    titles: [...(keepTitles ? [b.sources.titles.file] : []), ...titles.map((s) => s.file)],
    maxPostingSize,
    settingsCache: new Map(),
  };
}

function rulesFor(config: ResolvedConfig, absFile: string): { key: string; states: RuleStates } {
  const matched = config.overrides.filter((o) => {
    const rel = relative(o.dir, absFile).split(sep).join("/");
    return o.files.some((g) => matchesGlob(rel, g));
  });
  const key = matched.map((o) => config.overrides.indexOf(o)).join(",");
  if (!matched.length && !config.cli) return { key, states: config.rules };
  const states = cloneStates(config.rules);
  for (const o of matched) applyRules(states, config.registry, o.entries, o.src);
  if (config.cli) applyRules(states, config.registry, config.cli.entries, config.cli.src);
  return { key, states };
}

/** The lint settings for one file: the config's rules with the overrides whose globs match the file. */
export function settingsFor(config: ResolvedConfig, absFile: string): LintSettings {
  const { key, states } = rulesFor(config, absFile);
  const hit = config.settingsCache.get(key);
  if (hit) return hit;
  const rules = [...states].flatMap(([id, s]) => (s.severity ? [{ rule: config.registry.get(id)!, severity: s.severity, options: s.options }] : []));
  const settings: LintSettings = { knowledge: config.knowledge, rules, thresholds: config.thresholds };
  config.settingsCache.set(key, settings);
  return settings;
}

/** The config that applies to a file, as --print-config shows it. */
export function printableConfig(config: ResolvedConfig, absFile: string): Record<string, unknown> {
  const { states } = rulesFor(config, absFile);
  return {
    configFile: config.file,
    plugins: config.plugins,
    rules: Object.fromEntries(
      [...states].map(([id, s]) => [id, s.severity === null ? "off" : Object.keys(s.options).length ? [s.severity, s.options] : s.severity]),
    ),
    thresholds: config.thresholds,
    lexicons: config.lexicons,
    titles: config.titles,
    ...(config.maxPostingSize !== null ? { maxPostingSize: config.maxPostingSize } : {}),
  };
}
