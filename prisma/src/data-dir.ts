import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Where the embedded PostgreSQL (and, in demo mode, the generated secrets) live: DATA_DIR, taken
 * relative to the folder npm was started from, or `.data/` in the project.
 */
export function resolveDataDir(dataDir: string | undefined): string {
  if (!dataDir) return path.join(projectRoot, ".data");
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), dataDir);
}

/** The database the application uses inside the embedded PostgreSQL. */
export const EMBEDDED_DATABASE = "quarterly_returns";
