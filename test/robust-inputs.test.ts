import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../src/cli/io.js";
import { nodeIo } from "../src/cli/node-io.js";
import type { LintResult } from "../src/engine/result.js";
import { jdlint } from "./helpers/cli.js";

// Bad inputs through the real command line: each gets one line on stderr naming it (and its line where known),
// no stack trace, exit 2, and every good input beside it is still linted and reported. Big inputs are made here,
// in a temp folder, never committed.

const POSTING = readFileSync("fixtures/formats/same-posting/posting.md", "utf8");
const RECORD = (id: string) => JSON.stringify({ id, title: "Sales Representative", description: "Make 80 cold calls a day and close deals." });
const MB = 1024 * 1024;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jdlint-robust-"));
  const put = (name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);
  put("good.md", POSTING);
  put("empty.md", "");
  put("whitespace.txt", "  \n\t\r\n   \n");
  // The start of a real PNG: a signature, then a chunk whose length holds NUL bytes.
  put("logo.png", Buffer.from("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61", "hex"));
  put("latin1.md", Buffer.from("# Caf\xe9 Manager\n\nServe customers.\n", "latin1"));
  put("utf16.md", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POSTING, "utf16le")]));
  put("utf16be.txt", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(POSTING, "utf16le").swap16()]));
  // 50 MB of a real posting, over and over.
  put("huge.md", POSTING.repeat(Math.ceil((50 * MB) / POSTING.length)));
  // 10 MB on one line, no newline.
  put("long-line.txt", "Sales Representative — make cold calls to prospects and close deals with new customers ".repeat(Math.ceil((10 * MB) / 88)));
  put("bad.json", '{\n  "title": "Sales Rep",\n  "description": oops\n}\n');
  put("mixed.jsonl", `${RECORD("a")}\n{"title": "broken"\n${RECORD("c")}\n`);
  put("bad-front-matter.md", "---\ntitle: [unclosed\n---\n# Sales Rep\n\nMake calls.\n");
  put("deep.html", `<html><body><h1>Sales Representative</h1>${"<div>".repeat(100_000)}Make cold calls and close deals.</body></html>`);
  put("unbalanced.csv", 'title,description\nSales Rep,Make calls\n"Account Executive,Close deals\nSDR,Book meetings\n');
  // The quote after "Director," was meant to open the next cell: the file pairs it as the first cell's close.
  put("misquoted.csv", 'title,description\n"Marketing Director,"Make 50 calls a day\n');
  // A folder that holds a link to itself, and two links to each other.
  mkdirSync(join(dir, "loop"));
  writeFileSync(join(dir, "loop", "posting.md"), POSTING);
  symlinkSync(".", join(dir, "loop", "self"));
  symlinkSync(join(dir, "loop", "b"), join(dir, "loop", "a"));
  symlinkSync(join(dir, "loop", "a"), join(dir, "loop", "b"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(args: string[], overrides: Partial<CliIo> = {}) {
  const run = await jdlint(["--format", "json", "--no-config", ...args], { cwd: dir, ...overrides });
  return { ...run, results: JSON.parse(run.stdout || "[]") as LintResult[], lines: run.stderr.split("\n").filter(Boolean) };
}

describe("the bad-input matrix, through the CLI", () => {
  it("reports each bad input on one line and lints every good one", async () => {
    const inputs = [
      "good.md", "empty.md", "whitespace.txt", "logo.png", "latin1.md", "utf16.md", "utf16be.txt", "huge.md", "long-line.txt",
      "bad.json", "mixed.jsonl", "bad-front-matter.md", "deep.html", "unbalanced.csv", "no/such/file.md", "loop", "loop/a",
    ];
    const { code, lines, results, stderr } = await lint(inputs);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/\n\s+at |internal error/);
    const expected = [
        "jdlint: empty.md: the input is empty: no posting to lint",
        "jdlint: whitespace.txt: the input is empty: no posting to lint",
        "jdlint: logo.png: binary file (contains NUL bytes), not a posting",
        "jdlint: latin1.md: not valid UTF-8 text (save it as UTF-8, or UTF-16 with a byte-order mark)",
        "jdlint: huge.md: posting is larger than the 5 MB limit; raise it with --max-posting-size or maxPostingSize in the config",
        "jdlint: long-line.txt: posting is larger than the 5 MB limit; raise it with --max-posting-size or maxPostingSize in the config",
        expect.stringMatching(/^jdlint: bad\.json:3: not valid JSON: /),
        expect.stringMatching(/^jdlint: mixed\.jsonl:2: not valid JSON: /),
        expect.stringMatching(/^jdlint: bad-front-matter\.md:2: front matter is not valid YAML: /),
        "jdlint: unbalanced.csv:3: a quoted CSV cell is never closed",
        "jdlint: no/such/file.md: no such file or folder",
        "jdlint: loop/a: no such file or folder",
    ];
    expect(lines).toHaveLength(expected.length);
    for (const line of expected) expect(lines).toContainEqual(line);
    const good = results.map((r) => [r.filePath, r.recordId ?? null, r.title]);
    expect(good).toEqual([
      ["good.md", null, "Marketing Coordinator"],
      ["utf16.md", null, "Marketing Coordinator"],
      ["utf16be.txt", null, expect.stringContaining("Marketing Coordinator")],
      ["mixed.jsonl", "a", "Sales Representative"],
      ["mixed.jsonl", "c", "Sales Representative"],
      ["deep.html", null, "Sales Representative"],
      // Rows before the unclosed quote are read; the rest of the file is not.
      ["unbalanced.csv", "2", "Sales Rep"],
      ["loop/posting.md", null, "Marketing Coordinator"],
    ]);
    // UTF-16 reads to the same verdict, at the same lines, as the UTF-8 file.
    expect(results[1]!.verdict).toEqual(results[0]!.verdict);
    expect(results[1]!.messages).toEqual(results[0]!.messages);
  });

  it("a CSV row whose quotes do not pair is an input error naming the line where the quote opened", async () => {
    const { code, lines, results } = await lint(["misquoted.csv", "good.md"]);
    expect(lines).toEqual([
      'jdlint: misquoted.csv:2: a quoted CSV cell opened on this line has text after its closing quote ("Make 50 calls a day"): close it just before the comma or the line end, and write a quote inside a cell as ""',
    ]);
    expect(results.map((r) => r.filePath)).toEqual(["good.md"]);
    expect(code).toBe(2);
  });

  it("lints the 10 MB line when the limit allows it, in bounded time", async () => {
    const started = Date.now();
    const { code, results, stderr } = await lint(["--max-posting-size", "16MB", "long-line.txt"]);
    expect(stderr).toBe("");
    expect(code).not.toBe(2);
    expect(results).toHaveLength(1);
    expect(results[0]!.verdict.dutyFamily).toBe("sales");
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it("HTML nested 100,000 levels deep is read, not a stack overflow", async () => {
    const { results, stderr } = await lint(["deep.html"]);
    expect(stderr).toBe("");
    expect(results[0]!.verdict.evidence.map((e) => e.text)).toContain("Make cold calls and close deals.");
  });

  it("a file deleted between discovery and reading is reported, and the rest are linted", async () => {
    const doomed = join(dir, "doomed.md");
    writeFileSync(doomed, POSTING);
    const io = nodeIo();
    const vanish = (p: string) => {
      if (p === doomed) rmSync(doomed, { force: true });
    };
    const { code, lines, results } = await lint(["doomed.md", "good.md"], {
      readFile: (p) => (vanish(p), io.readFile(p)),
      readChunks: (p) => (vanish(p), io.readChunks!(p)),
    });
    expect(lines).toEqual(["jdlint: doomed.md: no such file"]);
    expect(results.map((r) => r.filePath)).toEqual(["good.md"]);
    expect(code).toBe(2);
  });

  it("a JSONL record, a JSON record and a CSV row over the limit are reported by line; the others are linted", async () => {
    const big = "Make cold calls and close deals. ".repeat(100);
    writeFileSync(join(dir, "big.jsonl"), `${RECORD("a")}\n${JSON.stringify({ id: "b", title: "Sales Rep", description: big })}\n${RECORD("c")}\n`);
    writeFileSync(join(dir, "big.json"), `[\n${RECORD("a")},\n${JSON.stringify({ id: "b", title: "Sales Rep", description: big })}\n]\n`);
    writeFileSync(join(dir, "big.csv"), `id,title,description\na,Sales Rep,Make cold calls.\nb,Sales Rep,${big}\n`);
    const { code, lines, results } = await lint(["--max-posting-size", "2KB", "big.jsonl", "big.json", "big.csv"]);
    expect(lines).toEqual([
      "jdlint: big.jsonl:2: posting is larger than the 2 KB limit; raise it with --max-posting-size or maxPostingSize in the config",
      expect.stringMatching(/^jdlint: big\.json:3: posting is larger than the 2 KB limit \(3\.\d KB\); raise it/),
      expect.stringMatching(/^jdlint: big\.csv:3: posting is larger than the 2 KB limit \(3\.\d KB\); raise it/),
    ]);
    expect(results.map((r) => `${r.filePath}#${r.recordId}`)).toEqual(["big.jsonl#a", "big.jsonl#c", "big.json#a", "big.csv#a"]);
    expect(code).toBe(2);
  });

  it("maxPostingSize in a config sets the limit; a bad value is a config error naming the line", async () => {
    const sub = join(dir, "capped");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "posting.md"), POSTING.repeat(3));
    writeFileSync(join(sub, ".jdlintrc.yaml"), "rules: {}\nmaxPostingSize: 1KB\n");
    const capped = await jdlint(["--format", "json", "capped/posting.md"], { cwd: dir });
    expect(capped.stderr).toBe("jdlint: capped/posting.md: posting is larger than the 1 KB limit; raise it with --max-posting-size or maxPostingSize in the config\n");
    expect(capped.code).toBe(2);
    // The command line wins over the config.
    const raised = await jdlint(["--format", "json", "--max-posting-size", "1MB", "capped/posting.md"], { cwd: dir });
    expect(raised.stderr).toBe("");
    writeFileSync(join(sub, ".jdlintrc.yaml"), "rules: {}\nmaxPostingSize: lots\n");
    const bad = await jdlint(["capped/posting.md"], { cwd: dir });
    expect(bad.stderr).toBe('jdlint: capped/.jdlintrc.yaml:2: maxPostingSize must be a size in bytes, or like "5MB" or "512KB", got "lots" (at maxPostingSize)\n');
    expect(bad.code).toBe(2);
    const option = await jdlint(["--max-posting-size", "-3", "capped/posting.md"], { cwd: dir });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--max-posting-size.*expected a size/);
  });

  it("an empty JSONL file and empty standard input are reported too", async () => {
    writeFileSync(join(dir, "empty.jsonl"), "\n\n");
    const stdin = { piped: true, async *chunks() {} };
    const { lines } = await lint(["empty.jsonl", "-"], { stdin });
    expect(lines).toEqual(["jdlint: empty.jsonl: the input is empty: no posting to lint", "jdlint: <stdin>: the input is empty: no posting to lint"]);
  });
});

describe("open files stay bounded", () => {
  it("reads 1,000 postings one at a time", async () => {
    const many = join(dir, "many");
    mkdirSync(many);
    for (let i = 0; i < 1000; i++) writeFileSync(join(many, `p${i}.txt`), `Sales Representative\n\nMake cold calls to prospects, number ${i}.\n`);
    const io = nodeIo();
    let open = 0;
    let most = 0;
    const enter = () => (most = Math.max(most, ++open));
    const { results, stderr } = await lint(["many"], {
      async readFile(p) {
        enter();
        try {
          return await io.readFile(p);
        } finally {
          open--;
        }
      },
      async *readChunks(p) {
        enter();
        try {
          yield* io.readChunks!(p);
        } finally {
          open--;
        }
      },
    });
    expect(stderr).toBe("");
    expect(results).toHaveLength(1000);
    expect(most).toBe(1);
    unlinkSync(join(many, "p0.txt"));
  });
});
