import type { PresetName, Rule, RuleMeta, Severity } from "../engine/types.js";

/** The presets a rule belongs to when its meta names none: every rule written before presets were chosen per rule. */
const EVERY_PRESET: readonly PresetName[] = ["recommended", "inclusive", "strict"];

/** Whether a rule is part of a preset (meta.presets; all of them when it says nothing). */
export function inPreset(meta: RuleMeta, preset: PresetName): boolean {
  return (meta.presets ?? EVERY_PRESET).includes(preset);
}

/** A rule's severity with no config at all (jdlint:recommended): its default, or null (off) outside that preset. */
export function recommendedSeverity(rule: Rule | { meta: RuleMeta }): Severity | null {
  return inPreset(rule.meta, "recommended") ? (rule.meta.recommendedSeverity ?? rule.meta.defaultSeverity) : null;
}

/** "warning", or "off (on in jdlint:inclusive, jdlint:strict)": a rule's severity with no config, for listings. */
export function describeDefault(meta: RuleMeta): string {
  if (inPreset(meta, "recommended")) return meta.recommendedSeverity ?? meta.defaultSeverity;
  const on = (["inclusive", "strict"] as const).filter((p) => inPreset(meta, p)).map((p) => `jdlint:${p}`);
  return on.length ? `off (${meta.defaultSeverity} in ${on.join(", ")})` : "off";
}

/**
 * Built-in configs a config can extend. Each sets the severity of every rule known (built-in and from plugins):
 * the rules it includes on, the others off; rule options are left as they are.
 */
export const PRESETS: ReadonlyMap<string, (rule: Rule) => Severity | null> = new Map([
  /** The rules of jdlint:recommended at their default severity: what jdlint does with no config at all. */
  ["jdlint:recommended", recommendedSeverity],
  /** The recommended rules and the language rules (exclusionary wording, unrealistic expectations) at their defaults. */
  ["jdlint:inclusive", (rule: Rule) => (inPreset(rule.meta, "inclusive") ? rule.meta.defaultSeverity : null)],
  /** Every rule at error: any finding fails the run. */
  ["jdlint:strict", (rule: Rule) => (inPreset(rule.meta, "strict") ? ("error" as Severity) : null)],
]);

export function isPreset(name: string): boolean {
  return name.startsWith("jdlint:");
}
