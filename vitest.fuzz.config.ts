import { defineConfig } from "vitest/config";

// `npm run fuzz`: the property tests alone, each with JDLINT_PROPERTY_RUNS times the generated inputs it runs in
// `npm test` (8: well over 100,000 inputs through the parsers). Each input still has fast-check's time limit.
export default defineConfig({
  test: {
    include: ["test/property-*.test.ts"],
    env: { JDLINT_PROPERTY_RUNS: process.env.JDLINT_PROPERTY_RUNS ?? "8" },
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
  },
});
