import type { CliIo } from "./io.js";

// Short runs show nothing: the line appears only once a run has taken this long.
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/**
 * "jdlint: 12/40 files · 1,234 postings · 310/s" on one self-rewriting stderr line, for long runs when stderr is
 * a terminal; nothing at all otherwise (CI logs, pipes, files).
 */
export class Progress {
  /** Whether stderr is a terminal: asked only once a run has gone on long enough to show the line. */
  private terminal: boolean | null = null;
  private readonly now: () => number;
  private readonly started: number;
  private filesDone = 0;
  private postings = 0;
  private lastFile: string | null = null;
  private lastDrawn = -Infinity;
  private shown = false;

  constructor(
    private readonly io: Pick<CliIo, "stderr" | "now">,
    private readonly totalFiles: number,
  ) {
    this.now = io.now ?? Date.now;
    this.started = this.now();
  }

  /** One posting (or one unreadable input) from `file` is done. */
  tick(file: string): void {
    if (file !== this.lastFile) {
      if (this.lastFile !== null) this.filesDone++;
      this.lastFile = file;
    }
    this.postings++;
    this.draw();
  }

  /** Clears the line, so that the report starts on a clean one. */
  finish(): void {
    if (this.lastFile !== null) this.filesDone++;
    this.lastFile = null;
    if (this.shown) this.io.stderr.write("\r\x1b[K");
    this.shown = false;
  }

  private draw(): void {
    if (this.totalFiles === 0) return;
    const now = this.now();
    const elapsed = now - this.started;
    if (elapsed < SHOW_AFTER_MS || now - this.lastDrawn < REDRAW_EVERY_MS) return;
    if (!(this.terminal ??= Boolean(this.io.stderr.isTTY))) return;
    this.lastDrawn = now;
    this.shown = true;
    this.io.stderr.write(`\r\x1b[K${progressLine(this.filesDone, this.totalFiles, this.postings, elapsed)}`);
  }
}

export function progressLine(filesDone: number, totalFiles: number, postings: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (postings * 1000) / elapsedMs : 0;
  const n = (x: number) => x.toLocaleString("en-US");
  return `jdlint: ${n(filesDone)}/${n(totalFiles)} files · ${n(postings)} ${postings === 1 ? "posting" : "postings"} · ${rate.toFixed(rate < 10 ? 1 : 0)}/s`;
}
