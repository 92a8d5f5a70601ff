// One SQL statement with its parameters, sent the shortest way: straight to the connection pool
// under Prisma when outside a transaction (prepared once per connection, so PostgreSQL plans it
// once), else through the transaction's own client. Statements
// sent this way cast what they return to types both ways decode alike: numbers with decimals and
// dates as text, times as timestamptz, JSON as json.
import { poolOf, type Prisma } from "@quarterly-returns/db";
import type { Db } from "./context.ts";

/** A statement the pool's connections each prepare once, by its name, and then only execute. */
export interface Statement {
  name: string;
  text: string;
}

export async function query<Row>(db: Db, statement: Statement, values: unknown[]): Promise<Row[]> {
  const pool = poolOf(db);
  if (pool) return (await pool.query({ ...statement, values })).rows as Row[];
  return (db as Prisma.TransactionClient).$queryRawUnsafe<Row[]>(statement.text, ...values);
}
