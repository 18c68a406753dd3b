/** What the build (tools/playground.ts) compiles into the page's script. */
declare module "jdlint:embedded" {
  import type { EmbeddedKnowledge } from "./knowledge.js";
  export const knowledge: EmbeddedKnowledge;
  /** A sample posting for the "Try an example" button. */
  export const example: string;
  /** jdlint's version. */
  export const version: string;
}
