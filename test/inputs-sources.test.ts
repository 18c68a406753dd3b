import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discover } from "../src/cli/discover.js";
import { fetchPage, FetchError } from "../src/cli/fetch.js";
import { lines } from "../src/cli/inputs.js";
import type { CliIo } from "../src/cli/io.js";
import { nodeIo } from "../src/cli/node-io.js";
import type { LintResult } from "../src/engine/result.js";
import { jdlint } from "./helpers/cli.js";

const SAME = "fixtures/formats/same-posting";
const read = (name: string) => readFileSync(join(SAME, name));

/** Standard input holding `bytes`, in small chunks as a pipe delivers them. */
function stdin(bytes: Uint8Array, piped = true): Partial<CliIo> {
  return {
    stdin: {
      piped,
      async *chunks() {
        for (let i = 0; i < bytes.length; i += 64) yield bytes.subarray(i, i + 64);
      },
    },
  };
}

async function lintJson(args: string[], overrides: Partial<CliIo> = {}) {
  const run = await jdlint(["--format", "json", ...args], overrides);
  return { ...run, results: JSON.parse(run.stdout || "[]") as LintResult[] };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* chunksOf(...parts: Array<string | number[]>): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === "string" ? Buffer.from(p) : Uint8Array.from(p);
}

describe("standard input", () => {
  it("reads `-`, in the format --stdin-filename names, reporting under that name", async () => {
    const { results, stderr } = await lintJson(["--stdin-filename", "job.html", "-"], stdin(read("posting.html")));
    expect(stderr).toBe("");
    expect(results.map((r) => [r.filePath, r.title, r.verdict.status])).toEqual([["job.html", "Marketing Coordinator", "fail"]]);
  });

  it("reads piped input when no paths are given, detecting the format from the content", async () => {
    const { results, stderr } = await lintJson([], stdin(read("posting.jsonld")));
    expect(stderr).toBe("");
    expect(results.map((r) => [r.filePath, r.recordId, r.verdict.status])).toEqual([["<stdin>", "bw-101", "fail"]]);
  });

  it("streams JSONL from standard input", async () => {
    const { results } = await lintJson(["--stdin-filename", "jobs.jsonl", "-"], stdin(read("postings.jsonl")));
    expect(results.map((r) => r.recordId)).toEqual(["bw-101", "bw-101", "4012345", "5a1c2b3d-0000-4000-8000-00000000b101"]);
  });

  it("still asks for postings when standard input is a terminal", async () => {
    const { code, stderr } = await jdlint([], stdin(new Uint8Array(), false));
    expect(code).toBe(2);
    expect(stderr).toMatch(/no postings given/);
  });
});

describe("encodings", () => {
  const dir = mkdtempSync(join(tmpdir(), "jdlint-enc-"));
  const markdown = readFileSync(join(SAME, "posting.md"), "utf8");

  it("reads UTF-8 with a BOM and UTF-16 with a BOM to the same verdict and lines", async () => {
    const bom8 = join(dir, "bom8.md");
    const le16 = join(dir, "le16.md");
    const jsonl16 = join(dir, "le16.jsonl");
    writeFileSync(bom8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(markdown)]));
    writeFileSync(le16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(markdown, "utf16le")]));
    writeFileSync(jsonl16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read("postings.jsonl").toString(), "utf16le")]));
    const { results, stderr } = await lintJson([join(SAME, "posting.md"), bom8, le16, jsonl16]);
    expect(stderr).toBe("");
    const lineSets = results.slice(0, 3).map((r) => r.verdict.evidence.map((e) => `${e.line}:${e.column} ${e.text}`));
    expect(lineSets[1]).toEqual(lineSets[0]);
    expect(lineSets[2]).toEqual(lineSets[0]);
    expect(results.slice(3).map((r) => r.recordId)).toEqual(["bw-101", "bw-101", "4012345", "5a1c2b3d-0000-4000-8000-00000000b101"]);
  });

  it("gives a clear error, not a verdict, for bytes that are not text", async () => {
    const latin1 = join(dir, "latin1.md");
    writeFileSync(latin1, Buffer.from("# Caf\xe9 Manager\n\nServe customers.\n", "latin1"));
    const { code, stderr, results } = await lintJson([latin1]);
    expect(results).toEqual([]);
    expect(stderr).toMatch(/latin1\.md: not valid UTF-8/);
    expect(code).toBe(2);
  });

  it("reports an undecodable JSONL line by number and reads the rest", async () => {
    const file = join(dir, "mixed.jsonl");
    const good = '{"id": "a", "title": "Sales Rep", "description": "Make cold calls."}\n';
    writeFileSync(file, Buffer.concat([Buffer.from(good), Buffer.from('{"title": "Caf\xe9"}\n', "latin1"), Buffer.from(good.replace('"a"', '"c"'))]));
    const { stderr, results } = await lintJson([file]);
    expect(stderr).toMatch(/mixed\.jsonl:2: not valid UTF-8/);
    expect(results.map((r) => r.recordId)).toEqual(["a", "c"]);
  });
});

describe("reading JSONL line by line", () => {
  it("yields lines as they arrive, so an endless stream is read in constant memory", async () => {
    async function* endless() {
      for (let i = 1; ; i++) yield Buffer.from(`{"id": ${i}}\n`);
    }
    const got: string[] = [];
    for await (const line of lines(endless())) {
      if ("text" in line) got.push(line.text);
      if (got.length === 3) break;
    }
    expect(got).toEqual(['{"id": 1}', '{"id": 2}', '{"id": 3}']);
  });

  it("joins lines and characters split across chunks, and drops CR", async () => {
    const euro = [...Buffer.from("€")];
    const got = await collect(lines(chunksOf("first\r\nsec", "ond ", [euro[0]!], [euro[1]!, euro[2]!, 10], "last")));
    expect(got).toEqual([
      { line: 1, text: "first" },
      { line: 2, text: "second €" },
      { line: 3, text: "last" },
    ]);
  });

  it("decodes a UTF-16 stream", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a\nb\n", "utf16le")]);
    expect(await collect(lines(chunksOf([...bytes.subarray(0, 3)], [...bytes.subarray(3)])))).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "b" },
    ]);
  });
});

describe("URLs", () => {
  let server: Server;
  let base: string;
  const pages: Record<string, { type: string; body: string | Buffer } | { status: number; location?: string }> = {
    "/jobs/posting.html": { type: "text/html; charset=utf-8", body: read("posting.html") },
    "/jobs/with-json-ld": { type: "text/html", body: read("posting-jsonld.html") },
    "/api/job": { type: "application/json", body: read("greenhouse.json") },
    "/moved": { status: 301, location: "/jobs/posting.html" },
    "/loop": { status: 302, location: "/loop" },
    "/to-ftp": { status: 302, location: "ftp://127.0.0.1/job.txt" },
    "/gone": { status: 404 },
    "/big": { type: "text/html", body: Buffer.alloc(4096, "a") },
    "/windows-1252": { type: "text/html; charset=windows-1252", body: Buffer.from("<h1>Caf\xe9 Supervisor</h1><p>Serve customers.</p>", "latin1") },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/slow") return; // never answers
      const page = pages[req.url ?? ""] ?? { status: 404 };
      if ("status" in page) {
        res.writeHead(page.status, page.location ? { location: page.location } : {});
        return void res.end();
      }
      res.writeHead(200, { "content-type": page.type });
      res.end(page.body);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it("lints a fetched page's body, its JSON-LD, or a JSON answer, to the same verdict", async () => {
    const urls = ["/jobs/posting.html", "/jobs/with-json-ld", "/api/job", "/moved"].map((p) => base + p);
    const { results, stderr } = await lintJson(urls);
    expect(stderr).toBe("");
    expect(results.map((r) => [r.filePath, r.title, r.verdict.status, r.verdict.evidence.length])).toEqual(
      urls.map((u) => [u, "Marketing Coordinator", "fail", results[0]!.verdict.evidence.length]),
    );
    // The page's positions are the page's lines.
    expect(results[0]!.verdict.evidence[0]!.line).toBe(16);
  });

  it("decodes a page in the charset its server declares", async () => {
    const { results } = await lintJson([`${base}/windows-1252`]);
    expect(results[0]!.title).toBe("Café Supervisor");
  });

  it("gives a clear error for what it cannot fetch, and lints the rest", async () => {
    const { code, stderr, results } = await lintJson([`${base}/gone`, `${base}/loop`, `${base}/to-ftp`, "ftp://127.0.0.1/job", `${base}/jobs/posting.html`]);
    expect(stderr).toContain(`jdlint: ftp://127.0.0.1/job: only http and https URLs can be fetched`);
    expect(stderr).toContain(`jdlint: ${base}/gone: the server answered HTTP 404 Not Found`);
    expect(stderr).toContain(`jdlint: ${base}/loop: too many redirects (more than 5)`);
    expect(stderr).toContain(`jdlint: ${base}/to-ftp: only http and https URLs can be fetched, not ftp`);
    expect(results).toHaveLength(1);
    expect(code).toBe(2);
  });

  it("stops at its size cap and its timeout", async () => {
    const limits = { timeoutMs: 300, maxBytes: 1024, maxRedirects: 1 };
    await expect(fetchPage(`${base}/big`, limits)).rejects.toThrowError(new FetchError("the page is larger than 1 KB"));
    await expect(fetchPage(`${base}/slow`, limits)).rejects.toThrowError(/timed out after 0.3 s/);
    await expect(fetchPage(`${base}/moved`, { ...limits, maxRedirects: 0 })).rejects.toThrowError(/too many redirects/);
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    await expect(fetchPage(`http://127.0.0.1:${port}/`, limits)).rejects.toThrowError(/cannot fetch \(ECONNREFUSED\)/);
    await expect(fetchPage("file:///etc/passwd", limits)).rejects.toThrowError(/only http and https/);
  });

  it("passes URLs and `-` through discovery untouched", async () => {
    const found = await discover(["-", `${base}/x`, "mailto://someone"], nodeIo());
    expect(found.files).toEqual(["-", `${base}/x`]);
    expect(found.problems).toEqual([{ file: "mailto://someone", reason: "only http and https URLs can be fetched" }]);
  });
});
