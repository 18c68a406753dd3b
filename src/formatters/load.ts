import type { Formatter } from "./types.js";

/** Output formats by name (the choices of --format), each imported only when a run asks for it. */
const LOADERS = {
  stylish: async () => (await import("./stylish.js")).stylish,
  json: async () => (await import("./json.js")).json,
  jsonl: async () => (await import("./jsonl.js")).jsonl,
  sarif: async () => (await import("./sarif.js")).sarif,
  github: async () => (await import("./github.js")).github,
  junit: async () => (await import("./junit.js")).junit,
  markdown: async () => (await import("./markdown.js")).markdown,
  html: async () => (await import("./html.js")).html,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof LOADERS;

export const FORMAT_NAMES = Object.keys(LOADERS) as FormatName[];

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}
