// npm run db:migrate: applies pending migrations to DATABASE_URL or, without it, to the embedded
// PostgreSQL in DATA_DIR (default .data/), exactly as the server does when it starts.
import { openCommandLineDatabase } from "./command-line-database.ts";

const database = await openCommandLineDatabase();
console.log(database.applied.length ? `Applied ${database.applied.join(", ")}.` : "The database is up to date.");
await database.close();
