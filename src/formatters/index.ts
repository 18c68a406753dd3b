import { github } from "./github.js";
import { html } from "./html.js";
import { json } from "./json.js";
import { jsonl } from "./jsonl.js";
import { junit } from "./junit.js";
import { markdown } from "./markdown.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { FormatName } from "./load.js";
import type { Formatter } from "./types.js";

export type { Formatter, FormatterContext } from "./types.js";

/** Output formats by name (the choices of --format; the command line loads them from load.ts, one at a time). */
export const formatters: Record<string, Formatter> = { stylish, json, jsonl, sarif, github, junit, markdown, html } satisfies Record<FormatName, Formatter>;
