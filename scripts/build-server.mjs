// Bundles the API server with the workspace packages it uses (TypeScript sources) into one file,
// apps/api/dist/server.mjs, which starts in about two thirds of the time of running the sources
// through tsx. Installed packages stay outside the bundle. Every module keeps its own
// import.meta.url, so what it finds beside itself (the migrations, the built web app, the data
// folder) it finds as when it runs from source.
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const serverBundle = path.join(root, "apps/api/dist/server.mjs");
const sourceFolders = ["apps/api/src", "packages/shared/src", "prisma/src"].map((folder) => path.join(root, folder));

/** Whether the bundle is missing or older than any of the sources it is made from. */
export function serverBundleIsStale() {
  let built;
  try {
    built = statSync(serverBundle).mtimeMs;
  } catch {
    return true;
  }
  return sourceFolders.some((folder) =>
    readdirSync(folder, { recursive: true, withFileTypes: true }).some(
      (entry) => entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > built,
    ),
  );
}

export async function buildServer() {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [path.join(root, "apps/api/src/server.ts")],
    outfile: serverBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    plugins: [
      {
        name: "quarterly-returns",
        setup(bundler) {
          bundler.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@quarterly-returns/") ? undefined : { path: args.path, external: true },
          );
          bundler.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, "utf8")).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
            loader: "ts",
          }));
        },
      },
    ],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
