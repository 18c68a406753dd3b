/**
 * Parses and lints a batch of JSONL records with the knowledge, config and rules the main thread has (built
 * again from the same setup): what a lint worker does with each batch, and what the main thread does with a
 * posting too large for a worker's bounded heap.
 */
import { builtinRules } from "../../rules/index.js";
import { ConfigLoader } from "../config/load.js";
import { InputError } from "../data/errors.js";
import { lintPosting, type LintSettings } from "../engine/linter.js";
import { parseJsonlLine } from "../parsers/index.js";
import { loadBuiltins } from "./knowledge-files.js";
import type { Batch, BatchResult, LintedRecord, WorkerSetup } from "./lint-pool.js";

export function batchLinter(setup: WorkerSetup): (batch: Batch) => Promise<BatchResult> {
  const ready = (async () => {
    const { knowledge, sources } = await loadBuiltins();
    const configs = new ConfigLoader({
      cwd: setup.cwd,
      builtins: { rules: builtinRules, sources, knowledge },
      untrusted: setup.untrusted,
      configFile: setup.configFile,
      cliRules: setup.cliRules,
    });
    return { knowledge, configs };
  })();
  const settingsByPath = new Map<string, Promise<LintSettings>>();

  return async (batch) => {
    const { knowledge, configs } = await ready;
    let settings = settingsByPath.get(batch.path);
    if (!settings) {
      settings = configs.settingsFor(batch.path);
      settingsByPath.set(batch.path, settings);
    }
    const resolved = await settings;
    const records: LintedRecord[] = [];
    for (const item of batch.lines) {
      if ("error" in item) {
        records.push(item);
        continue;
      }
      if (!item.text.trim()) continue;
      let doc;
      try {
        doc = parseJsonlLine(knowledge, item.text, batch.file, item.line, batch.shape);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        records.push({ line: e.line, error: e.reason });
        continue;
      }
      const { result, problem } = lintPosting(doc, batch.file, resolved, setup.reportUnused);
      records.push({
        problem,
        errorCount: result.errorCount,
        warningCount: result.warningCount,
        ...(batch.asJson ? { json: JSON.stringify(result) } : { result }),
      });
    }
    return { seq: batch.seq, records };
  };
}
