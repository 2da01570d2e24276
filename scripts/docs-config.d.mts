// Types of scripts/docs-config.mjs, for the test that keeps docs/configuration.md fresh.
export interface DocTree {
  [key: string]: { doc: string; children: DocTree | null };
}
export interface ConfigRow {
  key: string;
  type: string;
  default: string;
  limits: string;
  description: string;
}
export function docComments(source: string): DocTree;
export function schemaWithRules(zodSchema: unknown): Record<string, unknown>;
export function configRows(
  jsonSchema: Record<string, unknown>,
  docs: DocTree | undefined,
  prefix?: string,
): ConfigRow[];
export function configReference(zodSchema: unknown, source: string): string;
