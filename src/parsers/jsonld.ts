import type { SectionKind } from "../model/document.js";
import { jsonField, jsonText, type PostingField, type PostingFields } from "./fields.js";
import { isObject, prop, type JsonNode } from "./json-located.js";
import { fieldsBase, titleText, type RecordSource } from "./record.js";

// schema.org JobPosting text properties, in reading order, with the heading and section kind each becomes.
const JOB_POSTING_FIELDS: Array<[string, string, SectionKind]> = [
  ["description", "Description", "other"],
  ["responsibilities", "Responsibilities", "duties"],
  ["qualifications", "Qualifications", "requirements"],
  ["skills", "Skills", "requirements"],
  ["experienceRequirements", "Experience", "requirements"],
  ["educationRequirements", "Education", "requirements"],
  ["incentiveCompensation", "Incentive compensation", "benefits"],
  ["jobBenefits", "Benefits", "benefits"],
];
const MAX_DEPTH = 4;

function types(node: JsonNode): string[] {
  const t = prop(node, "@type")?.value;
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
}

export function isJobPosting(node: JsonNode): boolean {
  return isObject(node) && types(node).some((t) => /^(?:https?:\/\/schema\.org\/)?JobPosting$/i.test(t));
}

/**
 * The JobPostings in a JSON-LD value: itself, an array of them, an @graph, or one a page nests
 * (a WebPage's mainEntity, say).
 */
export function findJobPostings(node: JsonNode, depth = 0): JsonNode[] {
  if (depth > MAX_DEPTH) return [];
  if (node.items) return node.items.flatMap((item) => findJobPostings(item, depth + 1));
  if (!isObject(node)) return [];
  if (isJobPosting(node)) return [node];
  return [...node.props.values()].flatMap((child) => findJobPostings(child, depth + 1));
}

/** Objects by their @id, so that `"hiringOrganization": { "@id": "#org" }` can be followed inside an @graph. */
export function indexIds(node: JsonNode, ids = new Map<string, JsonNode>(), depth = 0): Map<string, JsonNode> {
  if (depth > MAX_DEPTH) return ids;
  const id = prop(node, "@id")?.value;
  if (typeof id === "string" && node.props && node.props.size > 1) ids.set(id, node);
  for (const child of node.items ?? node.props?.values() ?? []) indexIds(child, ids, depth + 1);
  return ids;
}

function follow(node: JsonNode | undefined, ids: Map<string, JsonNode>): JsonNode | undefined {
  const id = prop(node, "@id")?.value;
  return typeof id === "string" && node!.props!.size === 1 ? (ids.get(id) ?? node) : node;
}

/** "USD 40000-52000 per YEAR" from a MonetaryAmount. */
function salaryText(node: JsonNode | undefined): string | null {
  if (!node) return null;
  if (typeof node.value === "string" || typeof node.value === "number") return String(node.value);
  const currency = prop(node, "currency")?.value;
  const value = prop(node, "value");
  const v = (key: string) => prop(value, key)?.value;
  const amount =
    typeof value?.value === "number" ? String(value.value)
    : v("minValue") !== undefined && v("maxValue") !== undefined ? `${v("minValue")}-${v("maxValue")}`
    : v("value") ?? v("minValue") ?? v("maxValue");
  if (amount === undefined || amount === null) return null;
  const unit = v("unitText");
  return [typeof currency === "string" ? currency : null, String(amount), typeof unit === "string" ? `per ${unit.toLowerCase()}` : null]
    .filter(Boolean)
    .join(" ");
}

/** A metadata value: text, a number, a list, or an object's name. */
function plain(node: JsonNode | undefined): unknown {
  const v = node?.value;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) return v;
  const name = prop(node, "name")?.value;
  return typeof name === "string" ? name : undefined;
}

/** A schema.org JobPosting's fields: the text properties as sections; the rest (type, organisation) as metadata. */
export function jobPostingFields(node: JsonNode, src: RecordSource, ids = new Map<string, JsonNode>()): PostingFields {
  const fields: PostingField[] = [];
  for (const [key, heading, kind] of JOB_POSTING_FIELDS) {
    const field = jsonField(heading, kind, prop(node, key));
    if (field) fields.push(field);
  }
  const salary = prop(node, "baseSalary");
  const pay = salaryText(salary);
  if (salary && pay) fields.push({ heading: "Base salary", kind: "benefits", parts: [jsonText(pay, salary.start)], at: salary.start });
  const organisation = follow(prop(node, "hiringOrganization"), ids);
  const about = jsonField("About the company", "company", prop(organisation, "description"));
  if (about) fields.push(about);
  const meta: Record<string, unknown> = {};
  for (const key of ["employmentType", "datePosted", "validThrough", "industry", "occupationalCategory", "url"]) {
    const value = plain(prop(node, key));
    if (value !== undefined) meta[key] = value;
  }
  const company = plain(organisation);
  if (company !== undefined) meta.company = company;
  if (pay) meta.baseSalary = pay;
  const title = titleText(prop(node, "title")) ?? titleText(prop(node, "name"));
  const base = fieldsBase(node, src, "jsonld");
  // identifier is a PropertyValue ({ value }) or plain text; @id is a URL naming the posting.
  const identifier = prop(node, "identifier");
  const id = [prop(identifier, "value")?.value, identifier?.value, prop(node, "@id")?.value].find(
    (v) => typeof v === "number" || (typeof v === "string" && v !== ""),
  );
  if (id !== undefined) base.recordId = String(id);
  return { ...base, title, fields, meta };
}
