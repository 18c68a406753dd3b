import type { Severity } from "../engine/types.js";
import { displayPath } from "./shared.js";
import type { Formatter } from "./types.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Workflow-command escaping of the message (the data after "::"). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow-command escaping of a property value: as data, plus the separators ":" and ",". */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands: one annotation per message, on the lines it names. */
export const github: Formatter = (results, ctx) =>
  results
    .flatMap((r) =>
      r.messages.map((m) => {
        // GitHub takes columns only for an annotation on a single line.
        const oneLine = m.line === m.endLine;
        const props: Array<[string, string | number] | false> = [
          ["file", displayPath(r.filePath, ctx.cwd)],
          ["line", m.line],
          oneLine && ["col", m.column],
          ["endLine", m.endLine],
          oneLine && ["endColumn", m.endColumn],
          ["title", `jdlint ${m.ruleId}`],
        ];
        const list = props.filter((p) => p !== false).map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
        return `::${COMMAND[m.severity]} ${list}::${escapeData(m.message)}\n`;
      }),
    )
    .join("");
