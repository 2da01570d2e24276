// Writes docs/configuration.md from the zod schema in src/config.ts: every key with its
// type, default and limits (from the schema) and its description (the key's doc comment
// in src/config.ts). Run `npm run docs`; test/docs/configuration.test.ts fails when the
// committed page differs from what this writes.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { stringify } from "yaml";
import { toJSONSchema } from "zod";

/** The doc comments of each object literal's keys, nested as the schema nests them. */
export function docComments(source) {
  const file = ts.createSourceFile("config.ts", source, ts.ScriptTarget.Latest, true);
  const consts = new Map();
  file.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const d of node.declarationList.declarations)
      if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
  });
  const objectOf = (node, seen) => {
    let found = null;
    const visit = (n) => {
      if (found) return;
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === "object" &&
        n.arguments[0] &&
        ts.isObjectLiteralExpression(n.arguments[0])
      ) {
        found = n.arguments[0];
      } else if (ts.isIdentifier(n) && consts.has(n.text) && !seen.has(n.text)) {
        found = objectOf(consts.get(n.text), new Set([...seen, n.text]));
      } else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  };
  const keys = (literal, seen) => {
    const out = {};
    for (const p of literal.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = p.name.getText(file).replace(/^["']|["']$/g, "");
      // The comment as written: `@user` in a description is no JSDoc tag.
      const doc = ts
        .getJSDocCommentsAndTags(p)
        .map((d) =>
          d
            .getText(file)
            .replace(/^\/\*\*|\*\/$/g, "")
            .replace(/^\s*\*/gm, ""),
        )
        .join(" ");
      const inner = objectOf(p.initializer, seen);
      out[name] = {
        doc: doc.replace(/\s+/g, " ").trim(),
        children: inner ? keys(inner, seen) : null,
      };
    }
    return out;
  };
  return keys(objectOf(consts.get("configSchema"), new Set(["configSchema"])), new Set());
}

/** The schema as JSON Schema, each check's own message kept as `x-rule`. */
export function schemaWithRules(zodSchema) {
  return toJSONSchema(zodSchema, {
    io: "input",
    unrepresentable: "any",
    override: ({ zodSchema: s, jsonSchema }) => {
      const rules = (s._zod.def.checks ?? [])
        .map((c) => (typeof c._zod.def.error === "function" ? c._zod.def.error() : undefined))
        .filter((m) => typeof m === "string");
      if (rules.length > 0) jsonSchema["x-rule"] = rules.join("; ");
    },
  });
}

const code = (v) => `\`${typeof v === "string" && v !== "" ? v : JSON.stringify(v)}\``;
const cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function typeOf(s) {
  if (s.enum) return `one of ${s.enum.map(code).join(", ")}`;
  if (s.type === "array")
    return `list of ${s.items?.type === "object" ? "entries (below)" : typeOf(s.items ?? {})}`;
  if (s.type === "integer") return "whole number";
  if (s.type === "string") return "text";
  return s.type ?? "any";
}

function limitsOf(s) {
  return limitList(s).join("; ");
}

function limitList(s) {
  const out = [];
  const range = (lo, hi, unit) =>
    lo !== undefined && hi !== undefined
      ? `${lo}–${hi}${unit}`
      : lo !== undefined
        ? `at least ${lo}${unit}`
        : hi !== undefined
          ? `at most ${hi}${unit}`
          : null;
  out.push(
    range(s.minLength, s.maxLength, " characters"),
    range(s.minimum, s.maximum, ""),
    range(s.minItems, s.maxItems, " entries"),
  );
  if (s.type === "array" && s.items && s.items.type !== "object")
    out.push(...limitList(s.items).map((l) => `each: ${l}`));
  if (s["x-rule"]) out.push(s["x-rule"]);
  return out.filter(Boolean);
}

function defaultOf(s, key) {
  if (!("default" in s)) return "required";
  const v = s.default;
  if (Array.isArray(v) && v.some((e) => typeof e === "object"))
    return `[below](#default-${key.replace(/[^a-z0-9_-]/g, "")})`;
  if (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
    return "";
  return code(v);
}

/** One row per key that holds a value, groups and lists of entries flattened with `.` and `[]`. */
export function configRows(jsonSchema, docs, prefix = "") {
  const rows = [];
  for (const [name, s] of Object.entries(jsonSchema.properties ?? {})) {
    const key = `${prefix}${name}`;
    const doc = docs?.[name];
    if (s.type === "object" && s.properties) {
      rows.push(...configRows(s, doc?.children, `${key}.`));
      continue;
    }
    rows.push({
      key,
      type: typeOf(s),
      default: defaultOf(s, key),
      limits: limitsOf(s),
      description: doc?.doc ?? "",
    });
    if (s.type === "array" && s.items?.type === "object")
      rows.push(...configRows(s.items, doc?.children, `${key}[].`));
  }
  return rows;
}

const HEAD = `<!-- Generated by \`npm run docs\` (scripts/docs-config.mjs) from src/config.ts: do not edit. -->
# Configuration reference: \`.github/hereby.yml\`

Every key is optional: without a file, the defaults below apply. hereby validates the file
with this schema before doing anything; a file with problems gets one reply on the
incident naming every bad key and what it takes (in the Action, a failed run), and hereby
does nothing else until it is fixed. Unknown keys are refused, and so are \`__proto__\`,
\`constructor\` and \`prototype\`. Check a file locally with \`npx hereby check-config [file]\`;
editors validate it as you type with \`schema/hereby.schema.json\`:

\`\`\`yaml
# yaml-language-server: $schema=https://raw.githubusercontent.com/hereby-incident/hereby/main/schema/hereby.schema.json
timezone: Europe/London
\`\`\`

The App reads the file with Probot's config loader, so an organisation-wide file in the
organisation's \`.github\` repository and \`_extends: other-repo\` work (lists from
\`_extends\` replace, they are not concatenated). \`hereby check-config\` works offline: it
names an \`_extends\` but checks only the file's own keys.

Besides each key's own limits: \`default_severity\` must name one of \`severities\`; a
severity's name and aliases must not name another severity; a role may not be called
\`lead\` (set the lead with \`/lead\`) nor be listed twice.

| key | type | default | limits | what it does |
|---|---|---|---|---|
`;

/** docs/configuration.md, from the zod schema and the source of src/config.ts. */
export function configReference(zodSchema, source) {
  const json = schemaWithRules(zodSchema);
  const rows = configRows(json, docComments(source));
  const table = rows
    .map((r) => {
      const cells = [r.type, r.default, r.limits, r.description].map(cell);
      return `| \`${r.key}\` | ${cells.join(" | ")} |`;
    })
    .join("\n");
  const listDefaults = Object.entries(json.properties)
    .filter(([, s]) => Array.isArray(s.default) && s.default.some((e) => typeof e === "object"))
    .map(([key, s]) => {
      const yaml = stringify({ [key]: s.default }, { lineWidth: 0 });
      return `### Default \`${key}\`\n\n\`\`\`yaml\n${yaml}\`\`\``;
    })
    .join("\n\n");
  return `${HEAD}${table}\n\n## Defaults of the lists\n\n${listDefaults}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = new URL("../src/config.ts", import.meta.url);
  const { configSchema } = await import(source.href);
  writeFileSync(
    new URL("../docs/configuration.md", import.meta.url),
    configReference(configSchema, readFileSync(source, "utf8")),
  );
}
