import type { ResolvedRule } from "../engine/linter.js";
import type { Rule, Severity, SeveritySetting } from "../engine/types.js";

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

/** Every rule at its default severity with its default options. */
export function defaultRules(rules: Rule[]): ResolvedRule[] {
  return rules.map((rule) => ({
    rule,
    severity: rule.meta.defaultSeverity,
    options: Object.fromEntries(Object.entries(rule.meta.options).map(([k, o]) => [k, o.default])),
  }));
}
