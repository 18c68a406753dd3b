/** Debian's Chromium, which the browser tests and the bench drive with playwright-core (which downloads no browser of its own). */
export const CHROMIUM = "/usr/bin/chromium";

/** How it is started: headless, a fresh profile, and nothing that reaches out to the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
