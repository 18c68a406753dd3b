import type { ResolvedRule } from "../engine/linter.js";
import type { OptionSchema, Rule, Severity, SeveritySetting } from "../engine/types.js";
import { recommendedSeverity } from "./presets.js";

/** A severity as configs write it ("warn", 2, "off") -> the engine's, or null for off. */
export function normaliseSeverity(s: SeveritySetting): Severity | null {
  switch (s) {
    case "off":
    case 0:
      return null;
    case "info":
      return "info";
    case "warn":
    case "warning":
    case 1:
      return "warning";
    case "error":
    case 2:
      return "error";
    default:
      throw new Error(`unknown severity "${String(s)}" (use off, info, warn or error)`);
  }
}

/** The rules that run with no config (jdlint:recommended), each at its default severity with its default options. */
export function defaultRules(rules: Rule[]): ResolvedRule[] {
  return rules.flatMap((rule) => {
    const severity = recommendedSeverity(rule);
    return severity ? [{ rule, severity, options: defaultOptions(rule) }] : [];
  });
}

/** The defaults of a rule's options. */
export function defaultOptions(rule: Rule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule.meta.options).map(([k, o]) => [k, o.default]));
}

/** Why `value` does not fit the option's schema, or null when it does. */
export function checkOptionValue(schema: OptionSchema, value: unknown): string | null {
  switch (schema.type) {
    case "number":
    case "integer": {
      const ok = typeof value === "number" && Number.isFinite(value) && (schema.type === "number" || Number.isInteger(value));
      if (!ok) return `must be ${schema.type === "integer" ? "a whole number" : "a number"}`;
      if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum))
        return `must be from ${schema.minimum ?? "-∞"} to ${schema.maximum ?? "∞"}`;
      return null;
    }
    case "string":
      if (typeof value !== "string") return "must be a string";
      return schema.enum && !schema.enum.includes(value) ? `must be one of ${schema.enum.join(", ")}` : null;
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "array":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? null : "must be a list of strings";
  }
}

/**
 * Options as a config gives them, checked against the rule's schema and laid over its defaults.
 * Throws an Error whose message names the rule and the option.
 */
export function checkOptions(rule: Rule, given: unknown): Record<string, unknown> {
  const id = rule.meta.id;
  if (given === null || typeof given !== "object" || Array.isArray(given)) throw new Error(`rule "${id}": options must be a mapping`);
  const known = rule.meta.options;
  const out = defaultOptions(rule);
  for (const [name, value] of Object.entries(given)) {
    if (!Object.hasOwn(known, name)) {
      const names = Object.keys(known);
      throw new Error(`rule "${id}" has no option "${name}" (${names.length ? `options: ${names.join(", ")}` : "it takes no options"})`);
    }
    const why = checkOptionValue(known[name]!, value);
    if (why) throw new Error(`rule "${id}": option "${name}" ${why}, got ${JSON.stringify(value)}`);
    out[name] = value;
  }
  return out;
}
