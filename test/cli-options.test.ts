import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jdlint } from "./helpers/cli.js";

describe("command-line options a user can get wrong", () => {
  it.each(["abc", "-5", "1.5"])("--max-warnings %s is a usage error with a message, exit 2", async (value) => {
    const { code, stderr } = await jdlint(["--max-warnings", value, "fixtures/postings/account-executive.md"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--max-warnings.*whole number/);
  });

  it("--output-file into a folder that does not exist yet creates it", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "jdlint-out-")), "reports", "nested", "report.json");
    const { code, stderr } = await jdlint(["--format", "json", "-o", out, "fixtures/postings/account-executive.md"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, "utf8"))[0].title).toBe("Account Executive");
  });
});
