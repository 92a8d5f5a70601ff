// `npm start` builds what it needs first: the web app when it has never been built (a fresh
// clone), and the server bundle when it is missing or older than its sources.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { buildServer, serverBundleIsStale } from "./build-server.mjs";

if (!existsSync(new URL("../apps/web/dist/index.html", import.meta.url))) {
  console.log("Building the web app (first start only) …");
  const result = spawnSync("npm", ["run", "--workspace", "@quarterly-returns/web", "build"], { stdio: "inherit", shell: process.platform === "win32" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (serverBundleIsStale()) {
  console.log("Bundling the server …");
  await buildServer();
}
