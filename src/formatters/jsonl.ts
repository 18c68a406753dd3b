import type { Formatter } from "./types.js";

/** One LintResult per line (the same objects as the json format), for streaming and line tools. */
export const jsonl: Formatter = (results) => results.map((r) => JSON.stringify(r) + "\n").join("");
