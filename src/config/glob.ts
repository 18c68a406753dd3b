import { posix } from "node:path";

/**
 * A glob as a regular expression: `*` and `?` stay within a folder, `**` crosses folders, `{a,b}` offers
 * alternatives, `[abc]` is a class. Matched against `/`-separated paths.
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      re += "(?:";
      depth++;
    } else if (c === "}" && depth > 0) {
      re += ")";
      depth--;
    } else if (c === "," && depth > 0) re += "|";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${re}${")".repeat(depth)}$`);
}

/**
 * Whether a path (relative to the config file's folder, `/`-separated) matches a pattern. A pattern without
 * a slash matches the file name in any folder (`*.txt`); one with a slash matches the whole relative path.
 * Files outside the config's folder match nothing.
 */
export function matchesGlob(relPath: string, pattern: string): boolean {
  if (relPath.startsWith("../") || relPath === "..") return false;
  const p = pattern.replace(/^\.\//, "");
  const target = p.includes("/") ? relPath : posix.basename(relPath);
  return globToRegExp(p).test(target);
}
