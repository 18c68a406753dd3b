import type { Formatter } from "./types.js";

/** The stable JSON contract: an array with one entry per posting (see README "JSON output"). */
export const json: Formatter = (results) => JSON.stringify(results) + "\n";
