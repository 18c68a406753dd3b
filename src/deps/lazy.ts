/**
 * Third-party modules that only some runs need, reached through functions: a Markdown posting needs neither the
 * HTML parser nor the entity tables, and a run on the built knowledge needs no YAML; setting them up took about
 * 6 ms of a start. Compiled as is, this module imports them at once; the CLI bundle (tools/build.ts) replaces
 * it with one that loads each on first use.
 */
import * as entities from "entities/decode";
import * as parse5 from "parse5";
import * as yaml from "yaml";

export const entityDecoder = (): typeof entities => entities;
export const htmlParser = (): typeof parse5 => parse5;
export const yamlParser = (): typeof yaml => yaml;
