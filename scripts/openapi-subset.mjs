#!/usr/bin/env node
// Writes packages/simulator/src/openapi-subset.json from GitHub's dereferenced OpenAPI description
// (node_modules/@octokit/openapi/generated/api.github.com.deref.json, 73 MB).
//
// The subset holds:
//   operations: [method, path template, operationId] for EVERY operation GitHub describes,
//               so "does this route exist on GitHub?" is answered against the whole API;
//   details:    for the operations the simulator implements (DETAILED below), the path and
//               query parameters (name, in, required, type, enum) and the application/json
//               request body schema, with descriptions/examples stripped.
//
// Run: node scripts/openapi-subset.mjs            (writes the file)
//      node scripts/openapi-subset.mjs --check    (exits 1 when the committed file is stale)
// Imported, it only exports `subsetText(spec, version)` (the tests compare it to the file).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specFile = "generated/api.github.com.deref.json";
export const outFile = join(root, "packages/simulator/src/openapi-subset.json");

/** Operations the simulator implements: keep their parameters and request bodies. */
export const DETAILED = [
  "issues/get",
  "issues/update",
  "issues/create",
  "issues/list-for-repo",
  "issues/create-comment",
  "issues/get-comment",
  "issues/update-comment",
  "issues/delete-comment",
  "issues/list-comments",
  "issues/list-events-for-timeline",
  "issues/list-events",
  "issues/list-labels-for-repo",
  "issues/list-labels-on-issue",
  "issues/get-label",
  "issues/create-label",
  "issues/add-labels",
  "issues/remove-label",
  "issues/remove-all-labels",
  "issues/set-labels",
  "issues/add-assignees",
  "issues/remove-assignees",
  "issues/check-user-can-be-assigned",
  "issues/add-sub-issue",
  "issues/list-sub-issues",
  "issues/remove-sub-issue",
  "issues/get-parent",
  "reactions/create-for-issue-comment",
  "reactions/list-for-issue-comment",
  "reactions/delete-for-issue-comment",
  "repos/get",
  "repos/get-collaborator-permission-level",
  "repos/get-content",
  "repos/create-or-update-file-contents",
  "repos/get-branch",
  "repos/compare-commits-with-basehead",
  "git/get-ref",
  "git/create-ref",
  "git/update-ref",
  "git/create-blob",
  "git/get-blob",
  "git/get-tree",
  "git/create-tree",
  "git/create-commit",
  "git/get-commit",
  "repos/list-deployments",
  "repos/list-deployment-statuses",
  "repos/list-releases",
  "actions/list-workflow-runs-for-repo",
  "pulls/create",
  "pulls/list",
  "pulls/get",
  "pulls/update",
  "pulls/merge",
  "pulls/request-reviewers",
  "apps/create-installation-access-token",
  "apps/get-authenticated",
  "apps/get-repo-installation",
  "apps/list-installations",
  "apps/list-repos-accessible-to-installation",
  "users/get-authenticated",
];

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];
// Annotations only: dropped everywhere a schema keyword may appear (never inside `properties`,
// whose keys are property names: create-label's body has a real property called `description`).
const ANNOTATIONS = new Set([
  "description",
  "example",
  "examples",
  "title",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

function stripSchema(schema) {
  if (Array.isArray(schema)) return schema.map(stripSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, stripSchema(sub)]),
      );
    } else if (key === "enum" || key === "required" || key === "default" || key === "const") {
      out[key] = value;
    } else {
      out[key] = stripSchema(value);
    }
  }
  return out;
}

function parameterOf(p) {
  const schema = p.schema ?? {};
  const out = { name: p.name, in: p.in };
  if (p.required) out.required = true;
  if (schema.type) out.type = schema.type;
  if (schema.enum) out.enum = schema.enum;
  return out;
}

/** The subset file's exact text for a parsed description from @octokit/openapi `version`. */
export function subsetText(spec, version) {
  const operations = [];
  const byId = new Map();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op || !op.operationId) continue;
      operations.push([method.toUpperCase(), path, op.operationId]);
      byId.set(op.operationId, { method, path, op, shared: item.parameters ?? [] });
    }
  }
  operations.sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] < b[1] ? -1 : 1));

  const details = {};
  for (const id of DETAILED) {
    const entry = byId.get(id);
    if (!entry) throw new Error(`operation ${id} is not in ${specFile}`);
    const params = [...entry.shared, ...(entry.op.parameters ?? [])]
      .filter((p) => p.in === "path" || p.in === "query")
      .map(parameterOf);
    const detail = { parameters: params };
    const body = entry.op.requestBody;
    const json = body?.content?.["application/json"];
    if (json)
      detail.requestBody = { required: body.required === true, schema: stripSchema(json.schema) };
    else if (body)
      detail.requestBody = {
        required: body.required === true,
        contentTypes: Object.keys(body.content ?? {}),
      };
    details[id] = detail;
  }

  const subset = {
    $comment:
      `Generated by scripts/openapi-subset.mjs from @octokit/openapi ${version} ` +
      `(${specFile}, GitHub's published REST description for api.github.com). ` +
      `"operations" lists every operation as [method, path, operationId]; "details" keeps the ` +
      `parameters and application/json request body schemas ` +
      `(OpenAPI 3.0: "nullable" is left as is) of the operations the simulator implements. ` +
      `Do not edit: rerun the script after upgrading @octokit/openapi.`,
    source: { package: "@octokit/openapi", version, file: specFile, openapi: spec.openapi },
    operations,
    details,
  };

  return JSON.stringify(subset, null, 0).replace(/\],\[/g, "],\n[") + "\n";
}

function main() {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@octokit/openapi/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  const spec = JSON.parse(readFileSync(join(dirname(pkgPath), specFile), "utf8"));
  const text = subsetText(spec, pkg.version);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(outFile, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${outFile} is stale: run node scripts/openapi-subset.mjs`);
      process.exit(1);
    }
    console.log(`${outFile} is up to date`);
  } else {
    writeFileSync(outFile, text);
    console.log(`wrote ${outFile}: ${DETAILED.length} operations detailed, ${text.length} bytes`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
