import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { jdlint } from "./helpers/cli.js";

// The process streams of src/cli/node-io.ts, in a child process whose standard output is a file, a pipe or
// /dev/null: the same bytes arrive however it is written.
const dir = mkdtempSync(join(tmpdir(), "jdlint-output-"));
const script = join(dir, "write.ts");
writeFileSync(
  script,
  [
    `import { nodeIo } from ${JSON.stringify(resolve("src/cli/node-io.ts"))};`,
    `const io = nodeIo();`,
    `io.stderr.write(\`tty:\${Boolean(io.stdout.isTTY)}\\n\`);`,
    `for (let i = 0; i < 3; i++) io.stdout.write(\`line \${i}: Gérant·e marketing ✔ — \${"x".repeat(i * 40_000)}\\n\`);`,
  ].join("\n"),
);
const expected = [0, 1, 2].map((i) => `line ${i}: Gérant·e marketing ✔ — ${"x".repeat(i * 40_000)}\n`).join("");

function runWith(stdout: "pipe" | number) {
  return spawnSync(resolve("node_modules/.bin/vite-node"), [script], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", stdout, "pipe"] });
}

describe.skipIf(process.platform === "win32")("standard output", () => {
  it("writes the same text to a pipe, to a file and to /dev/null, and none of them is a terminal", () => {
    const piped = runWith("pipe");
    expect(piped.stdout).toBe(expected);
    expect(piped.stderr).toContain("tty:false");

    const file = join(dir, "out.txt");
    const fd = openSync(file, "w");
    const toFile = runWith(fd);
    closeSync(fd);
    expect(toFile.status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(expected);
    expect(toFile.stderr).toContain("tty:false");

    const nul = openSync("/dev/null", "w");
    const toNull = runWith(nul);
    closeSync(nul);
    expect(toNull.status).toBe(0);
    expect(toNull.stderr).toContain("tty:false");
  }, 120_000);

  // The bundle sets up the HTML parser, the entity tables and YAML on first use (src/deps/lazy.ts): each input
  // that needs one gives what the compiled modules give.
  it.each([
    ["fixtures/formats/edge/entities-nested.html"],
    ["fixtures/formats/edge/graph.jsonld"],
    ["fixtures/formats/same-posting/greenhouse.json"],
    ["fixtures/config/off/director.md"],
    ["fixtures/config/extends/director.md"],
    ["fixtures/config/directives/front-matter.md"],
  ])("gives what the compiled modules give for %s", async (file) => {
    const built = spawnSync(process.execPath, [resolve("bin/jdlint.cjs"), "-f", "jsonl", file], { encoding: "utf8", timeout: 60_000 });
    const compiled = await jdlint(["-f", "jsonl", file]);
    expect(built.stdout.length).toBeGreaterThan(0);
    expect({ code: built.status, stdout: built.stdout, stderr: built.stderr }).toEqual(compiled);
  }, 60_000);
});

// A long report through a pipe arrives whole, however the process ends.
describe.skipIf(!existsSync("dist/src/cli/main.js"))("the built CLI's output", () => {
  it("arrives whole through a pipe, however long, before the process ends", () => {
    const postings = readFileSync("fixtures/postings/marketing-director-outbound.md", "utf8");
    const feed = join(dir, "feed.jsonl");
    writeFileSync(feed, `${Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `r${i}`, title: "Marketing Director", description: postings })).join("\n")}\n`);
    const run = spawnSync(process.execPath, [resolve("bin/jdlint.cjs"), "-f", "json", feed], { encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 30, env: { ...process.env, JDLINT_WORKERS: "0" } });
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ recordId: string }>;
    expect(results.map((r) => r.recordId)).toEqual(Array.from({ length: 300 }, (_, i) => `r${i}`));
  }, 120_000);
});
