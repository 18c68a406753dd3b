import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Installs Debian's chromium for the HTML report's browser test where it can (see the file).
    globalSetup: ["test/setup/browser.ts"],
  },
});
