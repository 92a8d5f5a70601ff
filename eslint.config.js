// Architecture, not style: which folder may import which, and no import cycles. `npm run lint`.
import { defineConfig, globalIgnores } from "eslint/config";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import boundaries from "eslint-plugin-boundaries";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import { noTypeImportCycle } from "./scripts/no-type-import-cycle.js";

const resolver = createTypeScriptImportResolver();

// Paths are from the repository root. The first matching element wins, so each app's catch-all
// comes after its parts.
const element = (type, pattern, capture) => ({ type, pattern, partialMatch: false, ...(capture && { capture }) });
const elements = (...types) => types.map((type) => ({ element: { type } }));
const web = ["web", "web-app", "web-feature", "web-components", "web-lib"];
const api = ["api", "api-feature", "api-core", "api-plugins", "api-cli", "api-lib", "api-test"];
const packages = ["shared", "db"];
const fastify = ["fastify", "fastify-*", "@fastify/*"];

export default defineConfig(
  globalIgnores(["**/node_modules/", "**/dist/", "**/.data/", "**/coverage/", "prisma/src/generated/"]),
  {
    files: ["apps/*/**/*.{ts,tsx}", "packages/*/**/*.ts", "prisma/{src,test}/**/*.ts", "e2e/**/*.ts", "scripts/**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: {
      boundaries,
      "import-x": importX,
      local: { rules: { "no-type-import-cycle": noTypeImportCycle(resolver) } },
    },
    settings: {
      // Which imported files import-x/no-cycle reads (parsed with the parser above).
      "import-x/extensions": [".ts", ".tsx"],
      "import-x/resolver-next": [resolver],
      // boundaries resolves through eslint-plugin-import's setting: the same resolver, by name.
      "import/resolver": { typescript: {} },
      "boundaries/root-path": import.meta.dirname,
      "boundaries/elements": [
        element("web-app", "apps/web/src/app"),
        element("web-feature", "apps/web/src/features/*", ["feature"]),
        element("web-components", "apps/web/src/components"),
        element("web-lib", "apps/web/src/lib"),
        element("web", "apps/web"),
        element("api-feature", "apps/api/src/features/*", ["feature"]),
        element("api-core", "apps/api/src/core"),
        element("api-plugins", "apps/api/src/plugins"),
        element("api-cli", "apps/api/src/cli"),
        element("api-lib", "apps/api/src/lib"),
        element("api-test", "apps/api/test"),
        // The composition root: app.ts, server.ts, config.ts, database.ts.
        element("api", "apps/api"),
        element("shared", "packages/shared"),
        element("db", "prisma"),
        element("e2e", "e2e"),
        element("scripts", "scripts"),
      ],
      "boundaries/files": [{ category: "api-config", pattern: "apps/api/src/config.ts" }],
    },
    rules: {
      // Imports within one element (one web feature, one API feature, all of core) are not checked;
      // between elements, only what a policy allows. The last matching policy wins.
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          checkAllOrigins: true,
          policies: [
            { allow: { to: { module: { origin: ["external", "core"] } } } },

            { from: elements("web", "web-app"), allow: { to: elements("web-app", "web-feature", "web-components", "web-lib", "shared") } },
            { from: elements("web-feature"), allow: { to: elements("web-components", "web-lib", "shared") } },
            { from: elements("web-components", "web-lib"), allow: { to: elements("web-components", "web-lib", "shared") } },

            { from: elements("api", "api-test"), allow: { to: elements(...api, ...packages) } },
            {
              from: elements("api-feature"),
              allow: [{ to: elements("api-core", "api-lib", ...packages) }, { to: elements("api-plugins"), dependency: { kind: "type" } }],
            },
            { from: elements("api-core"), allow: { to: elements("api-lib", ...packages) } },
            {
              from: elements("api-plugins"),
              // A plugin is handed its part of Config; it never loads the configuration itself.
              allow: [{ to: elements("api-core", "api-lib", ...packages) }, { to: { file: { categories: "api-config" } }, dependency: { kind: "type" } }],
            },
            { from: elements("api-cli"), allow: { to: elements("api-core", "api-lib", ...packages) } },
            { from: elements("api-lib"), allow: { to: elements("api-lib", ...packages) } },

            { from: elements("db"), allow: { to: elements("shared") } },
            { from: elements("e2e", "scripts"), allow: { to: elements(...packages) } },
            // The benchmark signs in over HTTP as the API's own tests do (an authenticator app included).
            { from: elements("scripts"), allow: { to: elements("api-test") } },

            // Last, so that no allowance above can ever lift them.
            {
              from: elements("api-core"),
              disallow: { to: { module: { source: fastify } } },
              message: "core is the services on an explicit context: it never imports fastify",
            },
            {
              from: elements(...web),
              disallow: [{ to: elements(...api, "db") }, { to: { module: { source: ["prisma", "@prisma/*", "pg", ...fastify] } } }],
              message: "the web app never imports the API or the database",
            },
            {
              from: elements("shared"),
              disallow: [{ to: { module: { origin: "local" } } }, { to: { module: { source: ["prisma", "@prisma/*", "pg", "react", "react-dom", ...fastify] } } }],
              message: "packages/shared is the contract: it imports neither the apps nor the database, nor their frameworks",
            },
          ],
        },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "local/no-type-import-cycle": "error",
    },
  },
);
