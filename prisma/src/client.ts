import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface PrismaClientOptions {
  /** Connections in the pool. */
  poolSize?: number;
}

const pools = new WeakMap<object, pg.Pool>();

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Fail fast when the database is down, so requests answer 503 instead of hanging.
    connectionTimeoutMillis: 5_000,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(prisma, pool);
  return prisma;
}

/**
 * The connection pool under a client made by `createPrismaClient`, for the one statement a hot path
 * sends itself (core/sql.ts); undefined for a transaction's client, whose statements must go
 * through it.
 */
export function poolOf(client: object): pg.Pool | undefined {
  return pools.get(client);
}
