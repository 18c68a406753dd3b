#!/usr/bin/env node
"use strict";
// CommonJS: an ES module entry point starts Node's module loader first, about 8 ms of a start.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

// The bundle `npm run build` writes starts fastest; the compiled modules are the fallback.
const bundle = join(__dirname, "..", "dist", "jdlint-start.cjs");
const started = existsSync(bundle) ? Promise.resolve(require(bundle)) : import("../dist/src/cli/main.js");
started.then(({ main }) => main());
