#!/usr/bin/env node
import { createRequire } from "node:module";

// node:fs through require(): importing it as a module loads all of it (streams, promises), which a start does not need.
const { existsSync } = createRequire(import.meta.url)("node:fs");

// The bundle `npm run build` writes starts fastest; the compiled modules are the fallback.
const bundle = new URL("../dist/jdlint.mjs", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../dist/src/cli/main.js");
await main();
