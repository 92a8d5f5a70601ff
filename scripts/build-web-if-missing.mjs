// `npm start` on a fresh clone: build the web app once, if it has not been built.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (!existsSync(new URL("../apps/web/dist/index.html", import.meta.url))) {
  console.log("Building the web app (first start only) …");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit", shell: process.platform === "win32" });
  process.exit(result.status ?? 1);
}
