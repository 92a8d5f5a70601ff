import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

// Node has WebAssembly; TypeScript's ES libraries do not describe it.
type WasmExports = Record<string, unknown>;
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }>;
};

interface SchemaEngineModule {
  __wbg_set_wasm(exports: WasmExports): void;
  SchemaEngine: {
    new: (options: { datamodels: [string, string][] }, log: (line: string) => void, adapter: object) => Promise<SchemaEngine>;
  };
}
interface SchemaEngine {
  diff(params: object): Promise<{ stdout: string | null }>;
}

/**
 * Loads Prisma's schema engine compiled to WebAssembly. Its package imports the `.wasm` file as a
 * module, which Node 20 only allows behind a flag, so it is instantiated here by hand instead.
 */
async function loadSchemaEngine(): Promise<SchemaEngineModule> {
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import(bindingsPath)) as SchemaEngineModule;
  const wasm = readFileSync(bindingsPath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return bindings;
}

/**
 * The SQL that turns a database built for `fromSchema` (or an empty one) into one for `toSchema`.
 * The engine wants a live connection even for this offline comparison; any PostgreSQL will do.
 */
export async function diffSchemas(databaseUrl: string, fromSchema: string | null, toSchema: string): Promise<string> {
  const { SchemaEngine } = await loadSchemaEngine();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", toSchema]] }, () => {}, adapter);
  const datamodel = (content: string) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
  const result = await engine.diff({
    from: fromSchema === null ? { tag: "empty" } : datamodel(fromSchema),
    to: datamodel(toSchema),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}
