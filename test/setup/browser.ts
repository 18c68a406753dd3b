import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { CHROMIUM, CHROMIUM_ARGS } from "../../tools/chromium.js";

export { CHROMIUM, CHROMIUM_ARGS };

const APT_GET = "/usr/bin/apt-get";
const TEN_MINUTES = 10 * 60 * 1000;

/**
 * Vitest global setup: installs Debian's chromium once when it is missing and this is a Debian machine where we
 * are root (CI, the project's dev machines). Anywhere else it does nothing, and the browser tests skip.
 */
export default function setup(): void {
  if (existsSync(CHROMIUM) || process.platform !== "linux" || process.getuid?.() !== 0 || !existsSync(APT_GET)) return;
  process.stderr.write("test setup: installing chromium (apt-get) for the browser tests...\n");
  const quiet: SpawnSyncOptions = { stdio: "ignore", timeout: TEN_MINUTES, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  const update = spawnSync(APT_GET, ["-qq", "update"], quiet);
  if (update.status === 0) spawnSync(APT_GET, ["-qq", "install", "-y", "chromium"], quiet);
  if (!existsSync(CHROMIUM)) process.stderr.write("test setup: chromium could not be installed; the browser tests will be skipped\n");
}
