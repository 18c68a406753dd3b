import type { Rule, Severity } from "../engine/types.js";

/**
 * Built-in configs a config can extend. Each sets the severity of every rule known (built-in and from plugins);
 * rule options are left as they are.
 */
export const PRESETS: ReadonlyMap<string, (rule: Rule) => Severity> = new Map([
  /** Every rule at its default severity: what jdlint does with no config at all. */
  ["jdlint:recommended", (rule: Rule) => rule.meta.defaultSeverity],
  /** Every rule at error: any finding fails the run. */
  ["jdlint:strict", () => "error" as Severity],
]);

export function isPreset(name: string): boolean {
  return name.startsWith("jdlint:");
}
