import { afterEach, describe, expect, it, vi } from "vitest";
import { toolArgs } from "../tools/tool-args.js";

describe("the development tools' arguments (npm run eval, npm run bench)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  const options = { runs: { type: "string" as const, default: "5" } };

  it("print the usage on --help and stop, exit code 0", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(toolArgs({ args: ["--help"], options }, "usage: tool [--runs N]")).toBeNull();
    expect(log).toHaveBeenCalledWith("usage: tool [--runs N]");
    expect(process.exitCode).toBeUndefined();
  });

  it("name an unknown option on one line, then the usage, exit code 2", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(toolArgs({ args: ["--bogus"], options }, "usage: tool [--runs N]")).toBeNull();
    const printed = String(error.mock.calls[0]![0]).split("\n");
    expect(printed[0]).toContain("--bogus");
    expect(printed[1]).toBe("usage: tool [--runs N]");
    expect(process.exitCode).toBe(2);
  });

  it("return the values otherwise", () => {
    expect(toolArgs({ args: ["--runs", "3"], options }, "usage")?.values.runs).toBe("3");
  });
});
