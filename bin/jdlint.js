#!/usr/bin/env node
import { existsSync } from "node:fs";

// The bundle `npm run build` writes starts fastest; the compiled modules are the fallback.
const bundle = new URL("../dist/jdlint.mjs", import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : "../dist/src/cli/main.js");
await main();
