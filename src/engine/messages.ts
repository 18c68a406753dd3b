/** Fills `{{name}}` placeholders; an unknown name is left as it is so that a mistake shows. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  );
}

const FAMILY_NAMES: Record<string, string> = {
  marketing: "marketing",
  sales: "sales",
  customer_service: "customer service",
  hybrid: "sales and marketing",
  other: "outside sales, marketing and customer service",
  unknown: "unclear",
};

/** A family as people say it. */
export function familyName(family: string): string {
  return FAMILY_NAMES[family] ?? family;
}
