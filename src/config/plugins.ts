import type { OptionSchema, Rule } from "../engine/types.js";
import { normaliseSeverity } from "./rules.js";

/** What a plugin module exports (its default export, or its named exports). */
export interface PluginExports {
  rules: Rule[];
  /** Lexicon files (rules/lexicons format), relative to the plugin's module. */
  lexicons: string[];
  /** Titles files (rules/titles.yaml format), relative to the plugin's module. */
  titles: string[];
}

const RULE_ID = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)?$/;
const OPTION_TYPES = ["number", "integer", "string", "boolean", "array"];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function stringList(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string" && s.trim())) throw new Error(`${what} must be a list of file paths`);
  return v;
}

const PRESET_NAMES = ["recommended", "inclusive", "strict"];

function checkOptionSchema(id: string, name: string, o: unknown): OptionSchema {
  if (!isObject(o) || !OPTION_TYPES.includes(o.type as string))
    throw new Error(`rule "${id}": option "${name}" needs a type (${OPTION_TYPES.join(", ")})`);
  return { description: "", ...o } as unknown as OptionSchema;
}

/** A rule from a plugin, checked as far as can be without running it. Throws an Error saying what is wrong. */
function checkRule(r: unknown, i: number): Rule {
  const where = `rule ${i + 1}`;
  if (!isObject(r) || !isObject(r.meta)) throw new Error(`${where} has no meta object`);
  const m = r.meta;
  if (typeof m.id !== "string" || !RULE_ID.test(m.id)) throw new Error(`${where}: meta.id must be a lower-case id like "acme/no-ninja-titles"`);
  const id = m.id;
  if (typeof r.check !== "function") throw new Error(`rule "${id}" has no check function`);
  if (typeof m.description !== "string") throw new Error(`rule "${id}" has no meta.description`);
  if (!isObject(m.messages) || !Object.values(m.messages).every((t) => typeof t === "string"))
    throw new Error(`rule "${id}": meta.messages must map message ids to strings`);
  let severity;
  try {
    severity = normaliseSeverity((m.defaultSeverity ?? "warn") as never);
  } catch (e) {
    throw new Error(`rule "${id}": meta.defaultSeverity: ${(e as Error).message}`);
  }
  if (severity === null) throw new Error(`rule "${id}": meta.defaultSeverity cannot be off`);
  if (m.options !== undefined && !isObject(m.options)) throw new Error(`rule "${id}": meta.options must be a mapping`);
  const options = Object.fromEntries(Object.entries(m.options ?? {}).map(([k, o]) => [k, checkOptionSchema(id, k, o)]));
  const presets = m.presets;
  if (presets !== undefined && !(Array.isArray(presets) && presets.every((p) => PRESET_NAMES.includes(p as string))))
    throw new Error(`rule "${id}": meta.presets must be a list of ${PRESET_NAMES.join(", ")}`);
  if (m.recommendedSeverity !== undefined && !["error", "warning", "info"].includes(m.recommendedSeverity as string))
    throw new Error(`rule "${id}": meta.recommendedSeverity must be error, warning or info`);
  if (m.topic !== undefined && m.topic !== "title" && m.topic !== "language") throw new Error(`rule "${id}": meta.topic must be title or language`);
  const meta = { ...m, id, description: m.description, docs: typeof m.docs === "string" ? m.docs : "", defaultSeverity: severity, messages: m.messages as Record<string, string>, options };
  return { meta, check: r.check as Rule["check"] };
}

/** Reads a plugin module's exports. Throws an Error saying what is wrong with them. */
export function readPlugin(mod: unknown): PluginExports {
  const root = isObject(mod) && isObject(mod.default) ? mod.default : mod;
  if (!isObject(root)) throw new Error("does not export an object");
  const rulesIn = root.rules;
  if (rulesIn === undefined) throw new Error("exports no rules (expected `export const rules = [...]` or a default export with rules)");
  const list = Array.isArray(rulesIn) ? rulesIn : isObject(rulesIn) ? Object.values(rulesIn) : null;
  if (!list) throw new Error("rules must be a list of rules or a mapping of them");
  const rules = list.map(checkRule);
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.meta.id)) throw new Error(`rule "${r.meta.id}" is exported twice`);
    seen.add(r.meta.id);
  }
  return { rules, lexicons: stringList(root.lexicons, "lexicons"), titles: stringList(root.titles, "titles") };
}
