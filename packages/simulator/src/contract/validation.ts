// Request validation against one operation's description: required, integer and enum
// parameters, and the JSON body through ajv. Finds what GitHub itself would reject.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { MatchedOperation } from "./operations.js";
import type { OpenApiSubset, SubsetDetail } from "./subset.js";

export interface RequestToCheck {
  method: string;
  /** Path without query string and without the `/api/v3` prefix, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, `undefined` when the request had none. */
  body: unknown;
}

/** What GitHub would answer to a request that breaks the contract. */
export interface ContractFailure {
  status: 404 | 422;
  violations: string[];
  errors: { resource: string; field: string; code: string; message?: string }[];
}

/**
 * OpenAPI 3.0 `nullable: true` is not JSON Schema: rewrite it as `anyOf [schema, null]`
 * (also right for `enum` + `nullable`, where the enum itself has no `null`).
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === "nullable") {
      nullable = value === true;
    } else if (key === "properties" && value && typeof value === "object") {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else if (key === "enum" || key === "required" || key === "default" || key === "const") {
      out[key] = value;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  return nullable ? { anyOf: [out, { type: "null" }] } : out;
}

function describeError(error: ErrorObject): string {
  const where = `body${error.instancePath.replace(/\//g, ".")}`;
  const values =
    error.keyword === "enum" ? (error.params as { allowedValues: unknown[] }).allowedValues : [];
  const allowed = values.length ? ` (${values.map((v) => JSON.stringify(v)).join(", ")})` : "";
  return `${where} ${error.message ?? "is invalid"}${allowed}`;
}

/** Every `format` the description uses. */
function formatsIn(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) formatsIn(x, into);
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "format" && typeof x === "string") into.add(x);
      else formatsIn(x, into);
    }
  }
  return into;
}

/** What one request got wrong, collected as it is checked. */
class Findings {
  readonly violations: string[] = [];
  readonly errors: ContractFailure["errors"] = [];
  status: 404 | 422 = 422;
  constructor(private readonly prefix: string) {}

  add(message: string, error: ContractFailure["errors"][number]): void {
    this.violations.push(`${this.prefix}: ${message}`);
    this.errors.push(error);
  }

  failure(): ContractFailure | undefined {
    return this.violations.length
      ? { status: this.status, violations: this.violations, errors: this.errors }
      : undefined;
  }
}

export class RequestValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly details: OpenApiSubset["details"]) {
    addFormatsModule.default(this.ajv);
    // Formats GitHub uses that are not JSON Schema formats (e.g. `repo.nwo`): accept anything.
    for (const f of formatsIn(details)) if (!(f in this.ajv.formats)) this.ajv.addFormat(f, true);
  }

  /** The violations of a matched request, or `undefined` when the description allows it. */
  check(req: RequestToCheck, matched: MatchedOperation): ContractFailure | undefined {
    const detail = this.details[matched.operationId];
    if (!detail) return undefined;
    const findings = new Findings(`${req.method} ${req.path} (${matched.operationId})`);
    this.checkParameters(detail, req, matched, findings);
    this.checkBody(detail, req, matched.operationId, findings);
    return findings.failure();
  }

  private checkParameters(
    detail: SubsetDetail,
    req: RequestToCheck,
    matched: MatchedOperation,
    findings: Findings,
  ): void {
    for (const p of detail.parameters) {
      const value = p.in === "path" ? matched.params[p.name] : (req.query.get(p.name) ?? undefined);
      if (value === undefined) {
        if (p.required)
          findings.add(`missing required ${p.in} parameter "${p.name}"`, {
            resource: "Parameter",
            field: p.name,
            code: "missing",
          });
      } else if (p.type === "integer" && !/^-?\d+$/.test(value)) {
        findings.add(
          `${p.in} parameter "${p.name}" must be an integer, got ${JSON.stringify(value)}`,
          { resource: "Parameter", field: p.name, code: "invalid" },
        );
        if (p.in === "path") findings.status = 404;
      } else if (p.enum && !p.enum.includes(value)) {
        const allowed = p.enum.map((v) => JSON.stringify(v)).join(", ");
        findings.add(
          `${p.in} parameter "${p.name}" must be one of ${allowed}, got ${JSON.stringify(value)}`,
          { resource: "Parameter", field: p.name, code: "invalid" },
        );
      }
    }
  }

  private checkBody(
    detail: SubsetDetail,
    req: RequestToCheck,
    operationId: string,
    findings: Findings,
  ): void {
    const rb = detail.requestBody;
    if (!rb) return;
    if (req.body === undefined) {
      if (rb.required)
        findings.add("request body is required", { resource: "Body", field: "", code: "missing" });
      return;
    }
    if (rb.schema === undefined) return;
    const validate = this.validator(operationId, rb.schema);
    if (validate(req.body)) return;
    const errors = validate.errors ?? [];
    const described = [...new Set(errors.map(describeError))].join("; ");
    findings.violations.push(`${req.method} ${req.path} (${operationId}): ${described}`);
    for (const e of errors) {
      findings.errors.push({
        resource: "Body",
        field: e.instancePath.replace(/^\//, "").replace(/\//g, "."),
        code: "invalid",
        message: e.message,
      });
    }
  }

  private validator(operationId: string, schema: unknown): ValidateFunction {
    let v = this.validators.get(operationId);
    if (!v) {
      v = this.ajv.compile(toJsonSchema(schema) as object);
      this.validators.set(operationId, v);
    }
    return v;
  }
}
