// Writes schema/hereby.schema.json from the zod schema, so editors validate
// .github/hereby.yml as people type. A test fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { configSchema } from "../config.js";

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  const titled = { ...schema, title: "hereby configuration (.github/hereby.yml)" };
  return `${JSON.stringify(titled, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  writeFileSync(join(root, "schema", "hereby.schema.json"), configJsonSchema());
}
