// `prisma generate` asks for Prisma's native schema engine before doing anything, and downloads
// it when it is missing, which fails on a machine without internet access. Generating never runs
// the engine, so naming any existing file as the engine is enough (see README, "Migrations").
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");

const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: {
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...process.env,
  },
});
process.exit(result.status ?? 1);
