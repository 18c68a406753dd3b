import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { CliIo } from "../src/cli/io.js";
import { nodeIo } from "../src/cli/node-io.js";
import { run } from "../src/cli/run.js";
import { jdlint } from "./helpers/cli.js";

const POSTING = "fixtures/formats/same-posting/posting.md";

describe("jdlint explain", () => {
  it("walks a job seeker through one posting: lines, duty mix bars, why, retitles", async () => {
    const run = await jdlint(["explain", POSTING]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const out = run.stdout;
    expect(out).toMatch(/^Marketing Coordinator {2}fixtures\/formats\/same-posting\/posting\.md\n/);
    expect(out).toContain("Misleading title: title says marketing; the duties are sales: 4 of 4 duty lines");
    // The duty mix as bars: all sales.
    expect(out).toContain(`  sales            ${"█".repeat(30)} 100%`);
    expect(out).toContain(`  marketing        ${"░".repeat(30)}   0%`);
    // Each duty line with its function.
    expect(out).toMatch(/ {2}7:3 {3}sales {12}Make 80 cold calls a day to homeowners from a lead list {2}\(prospecting, telesales\)/);
    expect(out).toContain("But the duties are sales work: someone applying for the title would find a different job.");
    expect(out).toContain('Line 7 sets a selling quota: "80 cold calls a day".');
    expect(out).toMatch(/1\. Junior Account Executive +sales work is 100% of the duties; entry level, as the posting asks/);
  });

  it("--explain is the same, and colours only on request", async () => {
    const plain = await jdlint(["explain", POSTING]);
    const flag = await jdlint(["--explain", POSTING]);
    expect(flag.stdout).toBe(plain.stdout);
    const coloured = await jdlint(["--explain", "--color", POSTING]);
    expect(coloured.stdout).toContain("\x1b[");
    expect(coloured.stdout.replace(/\x1b\[\d+m/g, "")).toBe(plain.stdout);
  });

  it("explains a posting whose title fits", async () => {
    const run = await jdlint(["explain", "fixtures/postings/account-executive.md"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Fits: title says sales/m);
    expect(run.stdout).toContain("The duties are sales work too: the title says what the job is.");
  });
});

describe("jdlint init", () => {
  it("writes a commented .jdlintrc.yaml that jdlint then reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jdlint-init-"));
    const run = await jdlint(["init"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote \.jdlintrc\.yaml/);
    const text = readFileSync(join(dir, ".jdlintrc.yaml"), "utf8");
    expect(text).toMatch(/^# jdlint configuration/);
    expect(text).toMatch(/\n {2}title-duty-mismatch: +error +# The job title names a different function/);
    expect(parseYaml(text)).toMatchObject({ extends: "jdlint:recommended", rules: { "title-duty-mismatch": "error", "hybrid-role": expect.any(String) } });
    writeFileSync(join(dir, "job.md"), readFileSync(POSTING));
    const printed = await jdlint(["--print-config", "job.md"], { cwd: dir });
    expect(printed.stderr).toBe("");
    expect(printed.code).toBe(0);
    const lint = await jdlint(["job.md"], { cwd: dir });
    expect(lint.code).toBe(1);
  });

  it("refuses to overwrite one (exit 2, one line)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jdlint-init-"));
    writeFileSync(join(dir, ".jdlintrc.yaml"), "rules: {}\n");
    const run = await jdlint(["init"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("jdlint: .jdlintrc.yaml: already exists; not overwritten (edit it, or remove it and run jdlint init again)\n");
    expect(readFileSync(join(dir, ".jdlintrc.yaml"), "utf8")).toBe("rules: {}\n");
  });
});

describe("progress on stderr", () => {
  /** A clock that moves 300 ms each time it is read, so that a short run looks long. */
  function slowClock() {
    let t = 0;
    return () => (t += 300);
  }

  it("shows done / total and a rate on a terminal, then clears the line", async () => {
    let stdout = "";
    let stderr = "";
    const io: CliIo = {
      ...nodeIo(),
      env: { NO_COLOR: "1" },
      now: slowClock(),
      stdout: { write: (t) => void (stdout += t), isTTY: false },
      stderr: { write: (t) => void (stderr += t), isTTY: true },
    };
    expect(await run(["--format", "json", "fixtures/postings"], io)).toBe(1);
    expect(stderr).toMatch(/^\r\x1b\[Kjdlint: \d+\/10 files · \d+ postings? · [\d.]+\/s/);
    expect(stderr).toContain("jdlint: 9/10 files · 10 postings · ");
    expect(stderr.endsWith("\r\x1b[K")).toBe(true);
    expect(JSON.parse(stdout)).toHaveLength(10);
  });

  it("is silent when stderr is not a terminal", async () => {
    const run = await jdlint(["--format", "json", "fixtures/postings"], { now: slowClock() });
    expect(run.stderr).toBe("");
  });
});
