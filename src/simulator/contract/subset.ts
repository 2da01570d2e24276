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

const subsetCandidates = [
  new URL("../openapi-subset.json", import.meta.url),
  // lib/simulator/contract/subset.js after `tsc`: the JSON stays in src/
  new URL("../../../src/simulator/openapi-subset.json", import.meta.url),
];

export function loadSubset(): OpenApiSubset {
  for (const candidate of subsetCandidates) {
    try {
      return JSON.parse(readFileSync(candidate, "utf8")) as OpenApiSubset;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw new Error("openapi-subset.json not found: run node scripts/openapi-subset.mjs");
}
