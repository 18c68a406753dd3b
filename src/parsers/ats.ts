import { jsonField, jsonStringText, type PostingField, type PostingFields } from "./fields.js";
import { isObject, prop, type JsonNode } from "./json-located.js";
import { fieldsBase, titleText, type RecordSource } from "./record.js";

const has = (node: JsonNode, key: string) => prop(node, key) !== undefined;
const isText = (node: JsonNode, key: string) => typeof prop(node, key)?.value === "string";

/** A Greenhouse job board object: `{ id, title, content (HTML, escaped once more), departments, offices, ... }`. */
export function isGreenhouse(node: JsonNode): boolean {
  return isObject(node) && isText(node, "content") && !has(node, "description") && !has(node, "sections");
}

/** A Lever posting: `{ id, text (the title), description(Plain), lists: [{ text, content }], additional, categories }`. */
export function isLever(node: JsonNode): boolean {
  return (
    isObject(node) &&
    isText(node, "text") &&
    !has(node, "title") &&
    (Array.isArray(prop(node, "lists")?.value) || ["descriptionPlain", "categories", "hostedUrl", "additional"].some((k) => has(node, k)))
  );
}

function names(node: JsonNode | undefined): string[] {
  return (node?.items ?? []).map((d) => prop(d, "name")?.value).filter((n): n is string => typeof n === "string");
}

export function greenhouseFields(node: JsonNode, src: RecordSource): PostingFields {
  const content = jsonField("Description", "other", prop(node, "content"));
  const meta: Record<string, unknown> = {};
  const departments = names(prop(node, "departments"));
  if (departments.length) meta.departments = departments;
  const offices = names(prop(node, "offices"));
  if (offices.length) meta.offices = offices;
  const location = prop(prop(node, "location"), "name")?.value;
  if (typeof location === "string") meta.location = location;
  for (const key of ["company_name", "absolute_url", "updated_at", "requisition_id"]) {
    const value = prop(node, key)?.value;
    if (typeof value === "string") meta[key] = value;
  }
  return { ...fieldsBase(node, src, "greenhouse"), title: titleText(prop(node, "title")), fields: content ? [content] : [], meta };
}

export function leverFields(node: JsonNode, src: RecordSource): PostingFields {
  const fields: PostingField[] = [];
  // The HTML description keeps its lists and headings; the plain one is the fallback.
  const description = isText(node, "description") && String(prop(node, "description")!.value).trim() ? "description" : "descriptionPlain";
  const intro = jsonField("Description", "other", prop(node, description));
  if (intro) fields.push(intro);
  for (const list of prop(node, "lists")?.items ?? []) {
    const heading = prop(list, "text");
    const content = prop(list, "content");
    if (!content || typeof content.value !== "string") continue;
    // The list's own heading ("What you'll do") says what kind of section it is.
    const name = typeof heading?.value === "string" && heading.value.trim() ? heading.value.trim() : "List";
    fields.push({ heading: name, kind: null, parts: [jsonStringText(content as JsonNode & { value: string })], at: (heading ?? content).start });
  }
  const additional = isText(node, "additional") ? "additional" : "additionalPlain";
  const more = jsonField("Additional information", "other", prop(node, additional));
  if (more) fields.push(more);
  const meta: Record<string, unknown> = {};
  const categories = prop(node, "categories")?.value;
  if (categories && typeof categories === "object") meta.categories = categories;
  for (const key of ["hostedUrl", "workplaceType", "country"]) {
    const value = prop(node, key)?.value;
    if (typeof value === "string") meta[key] = value;
  }
  return { ...fieldsBase(node, src, "lever"), title: titleText(prop(node, "text")), fields, meta };
}
