// A small structural check of a value against an OpenAPI 3.0 schema (types, required
// properties, enums, nullable, anyOf/oneOf/allOf, a few formats). It compiles nothing, so
// checking responses against GitHub's large dereferenced schemas stays fast. `oneOf` is
// read as `anyOf`: GitHub's event `oneOf`s do not discriminate (`event` is a plain string).

type Schema = {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    case "array":
      return Array.isArray(v);
    case "integer":
      return Number.isInteger(v);
    case "number":
      return typeof v === "number";
    case "null":
      return v === null;
    default:
      return typeof v === type;
  }
}

export function schemaErrors(schema: Schema, value: unknown, path = "$"): string[] {
  if (value === null && schema.nullable) return [];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    let best: string[] | undefined;
    for (const v of variants) {
      const errs = schemaErrors(v, value, path);
      if (errs.length === 0) {
        best = [];
        break;
      }
      if (!best || errs.length < best.length) best = errs;
    }
    if (best && best.length)
      return [
        `${path}: matches none of ${variants.length} variants; closest: ${best.slice(0, 3).join(" | ")}`,
      ];
  }
  const errors: string[] = [];
  for (const part of schema.allOf ?? []) errors.push(...schemaErrors(part, value, path));
  if (schema.type && !typeOk(schema.type, value))
    return [
      ...errors,
      `${path}: expected ${schema.type}${schema.nullable ? " or null" : ""}, got ${JSON.stringify(value)?.slice(0, 60)}`,
    ];
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (
    typeof value === "string" &&
    schema.format === "date-time" &&
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
  ) {
    errors.push(`${path}: not a date-time: ${value}`);
  }
  if (typeof value === "string" && schema.format === "uri" && !/^[a-z][a-z0-9+.-]*:/i.test(value))
    errors.push(`${path}: not a uri: ${value}`);
  if (typeOk("object", value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in obj)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) errors.push(...schemaErrors(sub, v, `${path}.${key}`));
      else if (schema.properties && schema.additionalProperties === false)
        errors.push(`${path}.${key}: not allowed`);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => errors.push(...schemaErrors(schema.items!, v, `${path}[${i}]`)));
  return errors;
}
