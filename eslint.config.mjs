// typescript-eslint's type-checked recommended rules over the TypeScript (src, packages, test,
// bench), ESLint's recommended rules over the plain JavaScript scripts. `npm run lint`.
// Formatting is prettier's (`npm run format:check`), so no stylistic rule is on here.
import eslint from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Built or generated output, and what npm installs.
    ignores: [
      "lib/",
      "dist/",
      "schema/",
      "coverage/",
      "demo-output/",
      "node_modules/",
      "**/*.d.mts",
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // Unused names are an error, but `_name` marks a parameter or element a signature needs.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Control characters are hereby's subject: the scanner and the redaction normaliser
      // match them in user text on purpose, to strip or defuse them.
      "no-control-regex": "off",
      // In-memory adapters and test doubles implement async ports (the write slots, Probot's
      // config fetch, Octokit) with answers at hand: `async` keeps a throw a rejection.
      "@typescript-eslint/require-await": "off",
      // Empty cases grouped under a comment that says why they do nothing are not a slip.
      "no-fallthrough": ["error", { allowEmptyCase: true }],
    },
  },
  {
    files: ["src/handlers/**/*.ts"],
    rules: {
      // Handlers read GitHub through github/'s gather functions, which return plain data.
      "no-restricted-syntax": [
        "error",
        ...[
          "MemberExpression[property.name=/^(rest|paginate|graphql)$/]",
          "MemberExpression[property.name='request'][object.name=/octokit/i]",
          "MemberExpression[property.name='request'][object.property.name=/octokit/i]",
        ].map((selector) => ({
          selector,
          message: "A handler reads GitHub through a gather function in src/github/, not Octokit.",
        })),
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed `any` by
      // design; member access on `any` stays an error, so parsed JSON still needs a type.
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
);
