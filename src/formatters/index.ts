import { json } from "./json.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export type { Formatter, FormatterContext } from "./types.js";

/** Output formats by name. */
export const formatters: Record<string, Formatter> = { stylish, json };
