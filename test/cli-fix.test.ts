import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { jdlint } from "./helpers/cli.js";

const FIXTURES = resolve("fixtures/fix");
const OLD = "Marketing Associate";
const NEW = "Junior Account Executive";

/** A fresh folder holding one fixture (optionally re-encoded), as the only file. */
function workspace(name: string, bytes?: Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "jdlint-fix-"));
  const file = join(dir, name);
  if (bytes) writeFileSync(file, bytes);
  else copyFileSync(join(FIXTURES, name), file);
  return { dir, file };
}

async function mismatches(dir: string, name: string): Promise<string[]> {
  const run = await jdlint(["--format", "json", name], { cwd: dir });
  const results = JSON.parse(run.stdout) as LintResult[];
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === "title-duty-mismatch").map((m) => m.message));
}

/** The bytes before and after differ only where the old title's bytes became the new title's. */
function expectOnlyTitleChanged(before: Buffer, after: Buffer, oldBytes: Buffer, newBytes: Buffer): void {
  const at = before.indexOf(oldBytes);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(after.subarray(0, at).equals(before.subarray(0, at))).toBe(true);
  expect(after.subarray(at, at + newBytes.length).equals(newBytes)).toBe(true);
  expect(after.subarray(at + newBytes.length).equals(before.subarray(at + oldBytes.length))).toBe(true);
}

async function fixAndCheck(name: string, bytes?: Buffer, encode = (s: string) => Buffer.from(s, "utf8"), newText = NEW) {
  const { dir, file } = workspace(name, bytes);
  chmodSync(file, 0o640);
  const before = readFileSync(file);
  expect(await mismatches(dir, name)).toHaveLength(1);
  const run = await jdlint(["--fix", name], { cwd: dir });
  expect(run.stderr).toBe(`jdlint: ${name}: retitled "${OLD}" as "${NEW}"\n`);
  expect(run.code).toBe(0);
  expectOnlyTitleChanged(before, readFileSync(file), encode(OLD), encode(newText));
  expect(statSync(file).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual([name]);
  expect(await mismatches(dir, name)).toEqual([]);
}

describe("--fix retitles in place, and nothing else", () => {
  it.each([
    ["Markdown H1", "h1.md"],
    ["Markdown front matter title", "front-matter.md"],
    ["Markdown front matter, quoted", "quoted-front-matter.md"],
    ["text title line", "labelled.txt"],
    ["HTML <h1>", "h1.html"],
    ["HTML <title> (the site name kept)", "title.html"],
    ["JSON-LD in a page", "jsonld.html"],
    ["JSON record", "posting.json"],
    ["JSON-LD file", "posting.jsonld"],
  ])("%s", async (_, name) => {
    await fixAndCheck(name);
  });

  it("retitles a page's <title> too when it repeats the <h1>'s title, keeping the site name", async () => {
    const name = "h1-and-title.html";
    const { dir, file } = workspace(name);
    const before = readFileSync(file, "utf8");
    const run = await jdlint(["--fix", name], { cwd: dir });
    expect(run.stderr).toBe(`jdlint: ${name}: retitled "${OLD}" as "${NEW}"\n`);
    expect(run.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(before.split(OLD).join(NEW));
    expect(before.split(OLD)).toHaveLength(3);
    expect(await mismatches(dir, name)).toEqual([]);
  });

  it("keeps CRLF line endings and a UTF-8 byte-order mark", async () => {
    const text = readFileSync(join(FIXTURES, "h1.md"), "utf8").replace(/\n/g, "\r\n");
    await fixAndCheck("h1.md", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  });

  it("keeps UTF-16 (little- and big-endian, with their byte-order marks)", async () => {
    const text = readFileSync(join(FIXTURES, "labelled.txt"), "utf8");
    const le = (s: string) => Buffer.from(s, "utf16le");
    const be = (s: string) => Buffer.from(s, "utf16le").swap16();
    await fixAndCheck("labelled.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), le(text)]), le);
    await fixAndCheck("labelled.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), be(text)]), be);
  });

  it("leaves a title alone when the file does not hold it verbatim, and says why", async () => {
    for (const name of ["escaped.json", "markup.html"]) {
      const { dir, file } = workspace(name);
      const before = readFileSync(file);
      const run = await jdlint(["--fix", name], { cwd: dir });
      expect(run.stderr).toMatch(new RegExp(`^jdlint: ${name}: not fixed: title "${OLD}" is not written verbatim in the file`));
      expect(run.code).toBe(1);
      expect(readFileSync(file).equals(before)).toBe(true);
    }
  });

  it("--fix-dry-run prints a diff and changes nothing", async () => {
    const { dir, file } = workspace("h1.md");
    const before = readFileSync(file);
    const run = await jdlint(["--fix-dry-run", "h1.md"], { cwd: dir });
    expect(run.stdout).toBe(`--- a/h1.md\n+++ b/h1.md\n@@ -2 +2 @@\n-# ${OLD}\n+# ${NEW}\n`);
    expect(run.code).toBe(1);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("cleans up temporary files a killed run left, but not a running one's", async () => {
    const { dir } = workspace("h1.md");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const stale = `.jdlint-tmp-${dead}-h1.md`;
    const live = `.jdlint-tmp-${process.ppid}-h1.md`;
    writeFileSync(join(dir, stale), "half a file");
    writeFileSync(join(dir, live), "being written");
    await jdlint(["--fix", "h1.md"], { cwd: dir });
    expect(readdirSync(dir).sort()).toEqual([live, "h1.md"].sort());
  });

  it("leaves no temporary file when SIGTERM arrives mid-write, and dies of the signal", () => {
    const dir = mkdtempSync(join(tmpdir(), "jdlint-signal-"));
    const script = join(dir, "child.ts");
    writeFileSync(
      script,
      [
        `import { writeFileSync } from "node:fs";`,
        `import { trackTempFile } from ${JSON.stringify(resolve("src/cli/node-io.ts"))};`,
        `const tmp = ${JSON.stringify(join(dir, ".jdlint-tmp-1-posting.md"))};`,
        `writeFileSync(tmp, "half written");`,
        `trackTempFile(tmp);`,
        `process.kill(process.pid, "SIGTERM");`,
        `setTimeout(() => {}, 5000);`,
      ].join("\n"),
    );
    const child = spawnSync(resolve("node_modules/.bin/vite-node"), [script], { encoding: "utf8", timeout: 30_000 });
    expect(child.signal).toBe("SIGTERM");
    expect(readdirSync(dir)).toEqual(["child.ts"]);
  });
});
