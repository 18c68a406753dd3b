import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPage, FetchError } from "../src/cli/fetch.js";
import { jdlint } from "./helpers/cli.js";

// A misbehaving server on 127.0.0.1: what inputs-sources.test.ts does not already cover (404, redirect loop,
// non-http redirect, size cap with a content-length, a server that never answers).

let server: Server;
let base: string;
const timers = new Set<NodeJS.Timeout>();

function drip(res: ServerResponse, every: number, line = "<p>Make cold calls.</p>\n") {
  const t = setInterval(() => res.write(line), every);
  timers.add(t);
  res.on("close", () => clearInterval(t));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case "/image":
        res.writeHead(200, { "content-type": "image/png" });
        return void res.end(Buffer.from("89504e470d0a1a0a", "hex"));
      case "/binary":
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return void res.end("Sales Representative");
      case "/drip":
        // Headers at once, then a line every 50 ms, forever: only a total timeout stops it.
        res.writeHead(200, { "content-type": "text/html" });
        return drip(res, 50);
      case "/endless":
        // No content-length: the size cap must hold while streaming.
        res.writeHead(200, { "content-type": "text/html" });
        return drip(res, 0, "<p>Make cold calls.</p>\n".repeat(400));
      case "/ld":
        res.writeHead(200, { "content-type": "application/ld+json; charset=utf-8" });
        return void res.end(JSON.stringify({ "@context": "https://schema.org", "@type": "JobPosting", title: "Sales Representative", description: "Make cold calls." }));
      case "/plain":
        res.writeHead(200, { "content-type": "text/plain" });
        return void res.end("Sales Representative\n\nMake cold calls and close deals.\n");
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const t of timers) clearInterval(t);
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const limits = { timeoutMs: 400, maxBytes: 64 * 1024, maxRedirects: 2 };

describe("fetching from a misbehaving server", () => {
  it("refuses a body that is not a posting by its content type", async () => {
    await expect(fetchPage(`${base}/image`, limits)).rejects.toThrowError(new FetchError("the server sent image/png, not a posting (expected HTML, JSON or text)"));
    await expect(fetchPage(`${base}/binary`, limits)).rejects.toThrowError(/application\/octet-stream, not a posting/);
  });

  it("accepts HTML, JSON-LD and plain text", async () => {
    for (const path of ["/ld", "/plain"]) await expect(fetchPage(`${base}${path}`, limits)).resolves.toMatchObject({ url: `${base}${path}` });
  });

  it("stops a slow drip at the total timeout, however steadily it sends", async () => {
    const started = Date.now();
    await expect(fetchPage(`${base}/drip`, limits)).rejects.toThrowError(/timed out after 0.4 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("stops an endless body without a content-length at the size cap", async () => {
    await expect(fetchPage(`${base}/endless`, { ...limits, timeoutMs: 10_000 })).rejects.toThrowError(/the page is larger than 64 KB/);
  });

  it("through the CLI: one line per bad URL, and the good ones linted", async () => {
    const { code, stderr, stdout } = await jdlint(["--format", "json", "--no-config", `${base}/image`, `${base}/ld`, `${base}/plain`]);
    expect(stderr).toBe(`jdlint: ${base}/image: the server sent image/png, not a posting (expected HTML, JSON or text)\n`);
    expect((JSON.parse(stdout) as Array<{ title: string }>).map((r) => r.title)).toEqual(["Sales Representative", "Sales Representative"]);
    expect(code).toBe(2);
  });
});
