/**
 * A lint worker: parses and lints JSONL records sent by the main thread (see lint-pool.ts), with the same
 * knowledge, config and rules as the main thread, and sends back each record's result (or why it could not
 * be read) in the order received.
 */
import { parentPort, workerData } from "node:worker_threads";
import { builtinRules } from "../../rules/index.js";
import { ConfigLoader } from "../config/load.js";
import { DataError, InputError } from "../data/errors.js";
import { documentDirectives, frontMatterSettings } from "../engine/directives.js";
import { lintDocument, type LintSettings } from "../engine/linter.js";
import { parseJsonlLine } from "../parsers/index.js";
import { loadBuiltins } from "./knowledge-files.js";
import type { Batch, BatchResult, LintedRecord, WorkerSetup } from "./lint-pool.js";

const setup = workerData as WorkerSetup;
const port = parentPort!;

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

async function lintBatch(batch: Batch): Promise<BatchResult> {
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
    const front = frontMatterSettings(doc.meta);
    const directives = documentDirectives(doc.raw, doc.format, doc.meta);
    const result = lintDocument(doc, batch.file, resolved, { directives, reportUnused: setup.reportUnused });
    records.push({
      problem: front.problem ?? null,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      ...(batch.asJson ? { json: JSON.stringify(result) } : { result }),
    });
  }
  return { seq: batch.seq, records };
}

port.on("message", (batch: Batch) => {
  lintBatch(batch).then(
    (result) => port.postMessage(result),
    (e: unknown) => {
      const data = e instanceof DataError ? { file: e.file, line: e.line, reason: e.reason } : undefined;
      port.postMessage({ seq: batch.seq, fatal: { message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack, data } });
    },
  );
});
