// Many rows written in one statement, for the batches of an import. Prisma's createMany takes
// about ten times as long for a thousand rows (its query compiler works through every value), and
// it has no way to give each row its own values in one update; here each column goes to
// PostgreSQL as one array, and `unnest` turns the arrays back into rows. The database's triggers
// and constraints check them as they check any other write.
import { Prisma } from "@quarterly-returns/db";

/** The database or a transaction: what runs the statement. */
export type RawSql = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** A column of the table: its name in the database and its PostgreSQL type ("int", "text", "\"ReturnStatus\""). */
export type Column = readonly [name: string, type: string];

/** The columns a batch writes, by the model's field names, each with its database column. */
export type Columns<Model> = Partial<Record<keyof Model, Column>>;

/** A row of a batch: a value for each of its columns, typed as the model's. */
export type RowOf<Model, Spec extends Columns<Model>> = { [K in keyof Spec & keyof Model]-?: Exclude<Model[K], undefined> | null };

/** A value as PostgreSQL reads it from text: a time as ISO 8601, a decimal as its digits, JSON as its text. */
function asText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Inserts the rows; with `returning` (a list of the table's columns), what PostgreSQL gives back for each. */
export async function insertRows<Model, Spec extends Columns<Model>, Returned = never>(
  db: RawSql,
  table: string,
  columns: Spec,
  rows: RowOf<Model, Spec>[],
  returning?: string,
): Promise<Returned[]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(columns) as (keyof Spec & keyof Model)[];
  const names = keys.map((key) => `"${columns[key]![0]}"`).join(", ");
  const arrays = keys.map((key) => column(rows, key, columns[key]!));
  const insert = Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(names)}) SELECT * FROM unnest(${Prisma.join(arrays)})`;
  if (!returning) {
    await db.$executeRaw(insert);
    return [];
  }
  return db.$queryRaw<Returned[]>(Prisma.sql`${insert} RETURNING ${Prisma.raw(returning)}`);
}

/**
 * Sets columns of many rows in one statement: each row found by its `id`, and only while its
 * `version` is still the one given, which then goes up by one (as a single save does). The ids of
 * the rows changed: fewer than given when someone else saved one in between.
 */
export async function updateVersionedRows<Model, Spec extends Columns<Model>>(
  db: RawSql,
  table: string,
  columns: Spec,
  rows: (RowOf<Model, Spec> & { id: number; version: number })[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(columns) as (keyof Spec & keyof Model)[];
  const names = keys.map((key) => `"${columns[key]![0]}"`);
  const set = Prisma.raw(names.map((name) => `${name} = u.${name}`).join(", "));
  const arrays = [Prisma.sql`${rows.map((row) => row.id)}::int[]`, Prisma.sql`${rows.map((row) => row.version)}::int[]`, ...keys.map((key) => column(rows, key, columns[key]!))];
  const updated = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    UPDATE ${Prisma.raw(`"${table}"`)} AS t SET ${set}, "version" = t."version" + 1
    FROM unnest(${Prisma.join(arrays)}) AS u("id", "version", ${Prisma.raw(names.join(", "))})
    WHERE t."id" = u."id" AND t."version" = u."version"
    RETURNING t."id"`);
  return updated.map((row) => row.id);
}

/** One column of the rows, as the array PostgreSQL unnests. */
function column<Row>(rows: Row[], key: keyof Row, [, type]: Column) {
  return Prisma.sql`${rows.map((row) => asText(row[key]))}::${Prisma.raw(type)}[]`;
}
