import { DEFAULT_THRESHOLDS, type Thresholds } from "../judge/thresholds.js";

interface Range {
  min: number;
  max: number;
  integer?: boolean;
}

/** Scores are sums of phrase weights: 0 to 1000 unless said otherwise here. */
const SCORE: Range = { min: 0, max: 1000 };

/** The range of each threshold a config may set. */
export const THRESHOLD_RANGES: Partial<Record<keyof Thresholds, Range>> = {
  lineScoreCap: { min: 0.5, max: 1000 },
  confidenceScale: { min: 0.5, max: 1000 },
  otherWorkDominance: { min: 0, max: 100 },
  hybridShare: { min: 0, max: 0.5 },
  minMismatchConfidence: { min: 0, max: 1 },
  hybridLeanMargin: { min: 0, max: 1 },
  errorConfidence: { min: 0, max: 1 },
  thinShare: { min: 0, max: 1 },
  salesTitleFloor: { min: 0, max: 1 },
  partialMaxShare: { min: 0, max: 1 },
  serviceTitleFloor: { min: 0, max: 1 },
  modelWeight: { min: 0, max: 10 },
  modelMinProbability: { min: 0, max: 1 },
  minJobLinesForOther: { min: 0, max: 10000, integer: true },
};

export function thresholdRange(key: keyof Thresholds): Range {
  return THRESHOLD_RANGES[key] ?? SCORE;
}

/** Why a threshold value is not allowed, or null when it is. */
export function checkThreshold(key: string, value: unknown): string | null {
  if (!Object.hasOwn(DEFAULT_THRESHOLDS, key)) return `unknown threshold "${key}" (known: ${Object.keys(DEFAULT_THRESHOLDS).join(", ")})`;
  const r = thresholdRange(key as keyof Thresholds);
  const ok = typeof value === "number" && Number.isFinite(value) && value >= r.min && value <= r.max && (!r.integer || Number.isInteger(value));
  return ok ? null : `threshold "${key}" must be ${r.integer ? "a whole number" : "a number"} from ${r.min} to ${r.max}, got ${JSON.stringify(value)}`;
}
