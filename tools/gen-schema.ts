/**
 * Writes schema/jdlint.schema.json, the JSON Schema of config files, from the rules' metadata.
 *
 *   npm run build && node dist/tools/gen-schema.js
 *
 * (or JDLINT_UPDATE_SCHEMA=1 npx vitest run test/config-schema.test.ts). A test fails when the file is stale.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { builtinRules } from "../rules/index.js";
import { packageRoot } from "../src/cli/knowledge-files.js";
import { configSchema } from "../src/config/schema.js";

export const SCHEMA_PATH = "schema/jdlint.schema.json";

export function schemaText(): string {
  return `${JSON.stringify(configSchema(builtinRules.map((r) => r.meta)), null, 2)}\n`;
}

if (process.argv[1]?.endsWith("gen-schema.js")) {
  await writeFile(join(packageRoot(), SCHEMA_PATH), schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
