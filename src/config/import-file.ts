import { pathToFileURL } from "node:url";

/**
 * Imports a JavaScript config or plugin. Its own module, because the CLI bundle, which runs as a script (see
 * src/cli/code-cache.ts), cannot use import(): the build gives the bundle one that calls its host's.
 */
export async function importFile(path: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}
