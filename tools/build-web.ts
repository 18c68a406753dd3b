/**
 * `npm run build:web`: the browser playground, web/dist/index.html (see tools/playground.ts). Run after the
 * main build, whose compiled modules it runs.
 */
import { packageRoot } from "../src/cli/knowledge-files.js";
import { DataError } from "../src/data/errors.js";
import { buildPlayground, PAGE_BUDGET } from "./playground.js";

try {
  const page = await buildPlayground(packageRoot());
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`playground: ${page.file} (${kb(page.bytes)}, of which the script ${kb(page.scriptBytes)})`);
  if (page.bytes > PAGE_BUDGET) console.warn(`playground: the page is over its budget of ${kb(PAGE_BUDGET)}`);
} catch (e) {
  if (!(e instanceof DataError)) throw e;
  console.error(`jdlint build:web: ${e.message}`);
  process.exitCode = 1;
}
