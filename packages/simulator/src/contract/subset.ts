// GitHub's REST description as the simulator reads it: the subset written by
// scripts/openapi-subset.mjs (every operation, details for the ones hereby may use).
import { readFileSync } from "node:fs";

export interface SubsetParameter {
  name: string;
  in: "path" | "query";
  required?: boolean;
  type?: string;
  enum?: unknown[];
}

export interface SubsetDetail {
  parameters: SubsetParameter[];
  requestBody?: { required: boolean; schema?: unknown; contentTypes?: string[] };
}

export interface OpenApiSubset {
  $comment: string;
  source: { package: string; version: string; file: string; openapi: string };
  operations: [method: string, path: string, operationId: string][];
  details: Record<string, SubsetDetail>;
}

// The simulator runs from its TypeScript sources (tsx, vitest), never compiled: the JSON sits
// beside them in the package.
const subsetFile = new URL("../openapi-subset.json", import.meta.url);

export function loadSubset(): OpenApiSubset {
  try {
    return JSON.parse(readFileSync(subsetFile, "utf8")) as OpenApiSubset;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error("openapi-subset.json not found: run node scripts/openapi-subset.mjs", {
      cause: error,
    });
  }
}
