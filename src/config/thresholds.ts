import type { Thresholds } from "../judge/thresholds.js";

/** The range each threshold may take in a config: scores are sums of phrase weights, shares are 0..1. */
export const THRESHOLD_RANGES: Record<keyof Thresholds, { min: number; max: number; integer?: boolean }> = {
  minLineScore: { min: 0, max: 20 },
  lineScoreCap: { min: 0.5, max: 50 },
  minEvidence: { min: 0, max: 100 },
  strongEvidence: { min: 0, max: 200 },
  minDensity: { min: 0, max: 10 },
  confidenceScale: { min: 0.5, max: 200 },
  hybridShare: { min: 0, max: 0.5 },
  errorConfidence: { min: 0, max: 1 },
  titleShareFloor: { min: 0, max: 1 },
  leadershipForManager: { min: 0, max: 50 },
  entrySignals: { min: 0, max: 50 },
  otherTitleEvidence: { min: 0, max: 500 },
  minJobLinesForOther: { min: 0, max: 1000, integer: true },
};

/** Why a threshold value is not allowed, or null when it is. */
export function checkThreshold(key: string, value: unknown): string | null {
  if (!Object.hasOwn(THRESHOLD_RANGES, key)) return `unknown threshold "${key}" (known: ${Object.keys(THRESHOLD_RANGES).join(", ")})`;
  const r = THRESHOLD_RANGES[key as keyof Thresholds];
  const ok = typeof value === "number" && Number.isFinite(value) && value >= r.min && value <= r.max && (!r.integer || Number.isInteger(value));
  return ok ? null : `threshold "${key}" must be ${r.integer ? "a whole number" : "a number"} from ${r.min} to ${r.max}, got ${JSON.stringify(value)}`;
}
