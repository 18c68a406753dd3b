/** A problem in a data or configuration file: names the file and, where known, the line. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${reason}`);
    this.name = "DataError";
  }
}

/** A posting that cannot be read: names the input and, where known, the line. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line: number | null = null,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${reason}`);
    this.name = "InputError";
  }
}
