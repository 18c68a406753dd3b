import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { jdlint } from "./helpers/cli.js";

const POSTING = readFileSync("fixtures/formats/same-posting/posting.md");

/** A project folder: postings, a .gitignore, a .jdlintignore, and files that are not postings. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "jdlint-discover-"));
  const files: Record<string, string | Buffer> = {
    "jobs/a.md": POSTING,
    "jobs/sub/b.md": POSTING,
    "jobs/sub/c.txt": POSTING,
    "jobs/drafts/d.md": POSTING,
    "jobs/legacy/e.md": POSTING,
    "jobs/notes.pdf": "not a posting",
    "node_modules/pkg/README.md": POSTING,
    ".gitignore": "drafts/\n",
    ".jdlintignore": "# old postings\nlegacy/\n",
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function lintedFiles(args: string[], cwd: string) {
  const run = await jdlint(["--format", "json", ...args], { cwd });
  return { ...run, files: (JSON.parse(run.stdout || "[]") as LintResult[]).map((r) => r.filePath) };
}

describe("discovery", () => {
  const dir = project();

  it("recurses into folders for posting files, leaving out .gitignore, .jdlintignore and node_modules", async () => {
    const { files, stderr } = await lintedFiles(["."], dir);
    expect(stderr).toBe("");
    expect(files).toEqual(["jobs/a.md", "jobs/sub/b.md", "jobs/sub/c.txt"]);
    expect((await lintedFiles(["jobs/sub/"], dir)).files).toEqual(["jobs/sub/b.md", "jobs/sub/c.txt"]);
  });

  it("expands globs with the same ignores", async () => {
    expect((await lintedFiles(["jobs/**/*.md"], dir)).files).toEqual(["jobs/a.md", "jobs/sub/b.md"]);
  });

  it("--ignore-pattern leaves out files and folders (repeatable)", async () => {
    const { files } = await lintedFiles(["--ignore-pattern", "*.txt", "--ignore-pattern", "sub/", "."], dir);
    expect(files).toEqual(["jobs/a.md"]);
  });

  it("a file named outright is linted, unless .jdlintignore or --ignore-pattern leaves it out", async () => {
    expect((await lintedFiles(["jobs/drafts/d.md"], dir)).files).toEqual(["jobs/drafts/d.md"]);
    const ignored = await lintedFiles(["jobs/legacy/e.md", "jobs/a.md"], dir);
    expect(ignored.files).toEqual(["jobs/a.md"]);
    expect(ignored.stderr).toBe("jdlint: jobs/legacy/e.md: ignored by .jdlintignore or --ignore-pattern; not linted\n");
  });

  it("an argument that matches nothing is an error (exit 2) naming it", async () => {
    const glob = await lintedFiles(["jobs/**/*.html", "jobs/a.md"], dir);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toBe("jdlint: jobs/**/*.html: no files match this pattern (or all are ignored)\n");
    expect(glob.files).toEqual(["jobs/a.md"]);
    const missing = await lintedFiles(["nope.md"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("jdlint: nope.md: no such file or folder\n");
    const empty = await lintedFiles(["jobs/legacy"], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^jdlint: jobs\/legacy: folder holds no postings to lint \(\.md, .*\), or all are ignored\n$/);
  });

  it("--no-error-on-unmatched-pattern passes over them in silence", async () => {
    const run = await lintedFiles(["--no-error-on-unmatched-pattern", "jobs/**/*.html", "nope.md"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.files).toEqual([]);
  });
});
