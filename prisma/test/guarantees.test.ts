// The database's own guarantees, proven with raw SQL: a bug anywhere else cannot break them.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("demo");
});
afterAll(() => db.drop());

const one = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  (await db.sql.query(query, params)).rows[0] as T;

/** A return of the demo's indicator `ref` in quarter `number` of 2019/20. */
async function demoReturn(ref: string, quarter: number) {
  return one<{ id: number; quarter_id: number; indicator_id: number }>(
    `SELECT r.id, r.quarter_id, r.indicator_id FROM returns r
       JOIN indicators i ON i.id = r.indicator_id JOIN quarters q ON q.id = r.quarter_id
      WHERE i.ref = $1 AND q.number = $2`,
    [ref, quarter],
  );
}
/** Raw SQL as the role that owns the schema (which migrations use). */
async function asOwner(use: (owner: pg.Client) => Promise<void>) {
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await use(owner);
  } finally {
    await owner.end();
  }
}

const quarterId = async (number: number) => (await one<{ id: number }>("SELECT id FROM quarters WHERE number = $1", [number])).id;
const indicatorId = async (ref: string) => (await one<{ id: number }>("SELECT id FROM indicators WHERE ref = $1", [ref])).id;
const adminId = async () => (await one<{ id: number }>("SELECT id FROM users WHERE email = 'admin@demo.test'")).id;

describe("a signed-off quarter is locked", () => {
  it("refuses an update of a closed quarter's return", async () => {
    const { id } = await demoReturn("1.2", 1);
    await expect(db.sql.query("UPDATE returns SET commentary = 'changed' WHERE id = $1", [id])).rejects.toMatchObject({
      code: "QR423",
      message: expect.stringContaining("signed off and locked"),
    });
    expect((await one<{ commentary: string | null }>("SELECT commentary FROM returns WHERE id = $1", [id])).commentary).toBeNull();
  });

  it("refuses a delete of a closed quarter's return and of its values", async () => {
    const { id } = await demoReturn("1.2", 1);
    await expect(db.sql.query("DELETE FROM returns WHERE id = $1", [id])).rejects.toMatchObject({ code: "QR423" });
    await expect(db.sql.query("DELETE FROM return_values WHERE return_id = $1", [id])).rejects.toMatchObject({ code: "QR423" });
    await expect(db.sql.query("UPDATE return_values SET number = 99 WHERE return_id = $1", [id])).rejects.toMatchObject({ code: "QR423" });
    expect((await one<{ count: string }>("SELECT count(*) FROM return_values WHERE return_id = $1", [id])).count).toBe("1");
  });

  it("refuses an insert into a closed quarter and moving a return into one", async () => {
    const q4 = await quarterId(4);
    const q1 = await quarterId(1);
    const admin = await adminId();
    await expect(
      db.sql.query(
        `INSERT INTO returns (indicator_id, quarter_id, status, created_by_id, updated_by_id)
         SELECT id, $1, 'DRAFT', $2, $2 FROM indicators WHERE ref = '4.3'`,
        [q1, admin],
      ),
    ).rejects.toMatchObject({ code: "QR423" });

    const { rows } = await db.sql.query(
      `INSERT INTO returns (indicator_id, quarter_id, status, created_by_id, updated_by_id)
       VALUES ($1, $2, 'DRAFT', $3, $3) RETURNING id`,
      [await indicatorId("4.3"), q4, admin],
    );
    await expect(db.sql.query("UPDATE returns SET quarter_id = $1 WHERE id = $2", [q1, rows[0].id])).rejects.toMatchObject({
      code: "QR423",
    });
  });

  it("accepts changes again once the quarter is reopened", async () => {
    const { id, quarter_id } = await demoReturn("4.3", 2);
    const admin = await adminId();
    await db.sql.query(
      `UPDATE quarters SET status = 'OPEN', signed_off_at = NULL, signed_off_by_id = NULL,
              reopened_at = now(), reopened_by_id = $2, reopen_reason = 'A correction from CPS' WHERE id = $1`,
      [quarter_id, admin],
    );
    await db.sql.query("UPDATE return_values SET number = 4 WHERE return_id = $1", [id]);
    expect((await one<{ number: string }>("SELECT number FROM return_values WHERE return_id = $1", [id])).number).toBe("4.000000");
  });
});

describe("the audit log is append-only", () => {
  it("refuses update, delete and truncate, to the app's role and to the schema's owner", async () => {
    const { id, action } = await one<{ id: string; action: string }>("SELECT id, action FROM audit_events LIMIT 1");
    await expect(db.sql.query("UPDATE audit_events SET action = 'forged' WHERE id = $1", [id])).rejects.toMatchObject({ code: "42501" });
    await expect(db.sql.query("DELETE FROM audit_events WHERE id = $1", [id])).rejects.toMatchObject({ code: "42501" });
    await expect(db.sql.query("TRUNCATE audit_events")).rejects.toMatchObject({ code: "42501" });
    await asOwner(async (owner) => {
      await expect(owner.query("UPDATE audit_events SET action = 'forged' WHERE id = $1", [id])).rejects.toMatchObject({ code: "QRAPP" });
      await expect(owner.query("DELETE FROM audit_events WHERE id = $1", [id])).rejects.toMatchObject({ code: "QRAPP" });
      await expect(owner.query("TRUNCATE audit_events")).rejects.toMatchObject({ code: "QRAPP" });
    });
    expect((await one<{ action: string }>("SELECT action FROM audit_events WHERE id = $1", [id])).action).toBe(action);
  });

  it("accepts new events", async () => {
    await db.sql.query("INSERT INTO audit_events (action, entity_type) VALUES ('test.event', 'test')");
    expect((await one<{ count: string }>("SELECT count(*) FROM audit_events WHERE action = 'test.event'")).count).toBe("1");
  });
});

describe("constraints make bad states impossible", () => {
  async function newReturn(columns: Record<string, unknown>) {
    const admin = await adminId();
    const values = { indicator_id: await indicatorId("4.6"), quarter_id: await quarterId(4), created_by_id: admin, updated_by_id: admin, ...columns };
    const names = Object.keys(values);
    return db.sql.query(
      `INSERT INTO returns (${names.join(", ")}) VALUES (${names.map((_, index) => `$${index + 1}`).join(", ")}) RETURNING id`,
      Object.values(values),
    );
  }

  it.each([
    ["NO_DATA without a reason", { status: "NO_DATA" }, "returns_no_data_has_reason"],
    ["a reason on a draft", { status: "DRAFT", no_data_reason: "NO_UPDATE" }, "returns_no_data_has_reason"],
    ["NOT_YET_AVAILABLE without a date", { status: "NO_DATA", no_data_reason: "NOT_YET_AVAILABLE", submitted_at: new Date(), submitted_by_id: 1 }, "returns_not_yet_available_has_date"],
    ["a date with another reason", { status: "NO_DATA", no_data_reason: "NO_UPDATE", available_from: "2020-05-01", submitted_at: new Date(), submitted_by_id: 1 }, "returns_not_yet_available_has_date"],
    ["NOT_RELEASED without an explanation", { status: "NO_DATA", no_data_reason: "NOT_RELEASED", explanation: "  ", submitted_at: new Date(), submitted_by_id: 1 }, "returns_not_released_has_explanation"],
    ["a RAG override without a reason", { status: "DRAFT", rag_override: "RED" }, "returns_rag_override_has_reason"],
    ["a submitted return without a submitter", { status: "SUBMITTED" }, "returns_submitted_has_submitter"],
    ["version 0", { status: "DRAFT", version: 0 }, "returns_version_positive"],
  ])("refuses %s", async (_, columns, constraint) => {
    await expect(newReturn(columns)).rejects.toMatchObject({ code: "23514", constraint });
  });

  it("refuses a second return for the same indicator and quarter", async () => {
    await newReturn({ status: "DRAFT" });
    await expect(newReturn({ status: "DRAFT" })).rejects.toMatchObject({ code: "23505" });
  });

  it("refuses a data owner without an organisation and an e-mail with capitals", async () => {
    await expect(
      db.sql.query("INSERT INTO users (email, name, password_hash, role) VALUES ('x@demo.test', 'X', 'h', 'DATA_OWNER')"),
    ).rejects.toMatchObject({ constraint: "users_data_owner_has_organisation" });
    await expect(
      db.sql.query("INSERT INTO users (email, name, password_hash, role) VALUES ('Admin@Demo.Test', 'X', 'h', 'ADMIN')"),
    ).rejects.toMatchObject({ constraint: "users_email_lower_case" });
  });

  it("refuses a closed quarter without its signer", async () => {
    await expect(db.sql.query("UPDATE quarters SET status = 'CLOSED' WHERE number = 4")).rejects.toMatchObject({
      constraint: "quarters_closed_means_signed_off",
    });
  });

  it("refuses a headline field the indicator does not have", async () => {
    await expect(db.sql.query("UPDATE indicators SET headline_field_key = 'nonsense' WHERE ref = '4.6'")).rejects.toMatchObject({
      code: "23503",
    });
  });

  describe("values must fit their field", () => {
    async function valueFor(ref: string, fieldKey: string, value: Record<string, unknown>) {
      const admin = await adminId();
      const q4 = await quarterId(4);
      const indicator = await indicatorId(ref);
      const existing = await one<{ id: number } | undefined>("SELECT id FROM returns WHERE indicator_id = $1 AND quarter_id = $2", [indicator, q4]);
      const returnId =
        existing?.id ??
        (await one<{ id: number }>(
          "INSERT INTO returns (indicator_id, quarter_id, status, created_by_id, updated_by_id) VALUES ($1, $2, 'DRAFT', $3, $3) RETURNING id",
          [indicator, q4, admin],
        )).id;
      const field = await one<{ id: number }>("SELECT id FROM indicator_fields WHERE indicator_id = $1 AND key = $2", [indicator, fieldKey]);
      await db.sql.query("DELETE FROM return_values WHERE return_id = $1", [returnId]);
      const names = Object.keys(value);
      return db.sql.query(
        `INSERT INTO return_values (return_id, field_id, ${names.join(", ")}) VALUES ($1, $2, ${names.map((_, i) => `$${i + 3}`).join(", ")})`,
        [returnId, field.id, ...Object.values(value)],
      );
    }

    it.each([
      ["a negative count", "4.3", "repeatCallers", { number: -1 }, "cannot be negative"],
      ["a fractional count", "4.3", "repeatCallers", { number: 1.5 }, "whole number"],
      ["a percentage over 100", "1.2", "positiveCompletions", { number: 120 }, "between 0 and 100"],
      ["a rank beyond its out-of", "4.1", "rank", { number: 16, out_of: 15 }, "rank"],
      ["a rank without an out-of", "4.1", "rank", { number: 3 }, "rank"],
      ["an out-of on a count", "4.3", "repeatCallers", { number: 3, out_of: 5 }, "only a rank"],
      ["text in a number field", "4.3", "repeatCallers", { text: "three" }, "holds a number"],
    ])("refuses %s", async (_, ref, key, value, message) => {
      await expect(valueFor(ref, key, value)).rejects.toMatchObject({ code: "23514", message: expect.stringContaining(message) });
    });

    it("accepts a value that fits", async () => {
      await expect(valueFor("4.1", "rank", { number: 8, out_of: 15 })).resolves.toMatchObject({ rowCount: 1 });
    });

    it("refuses a value for another indicator's field", async () => {
      const q4 = await quarterId(4);
      const admin = await adminId();
      const { id: returnId } = await one<{ id: number }>(
        "INSERT INTO returns (indicator_id, quarter_id, status, created_by_id, updated_by_id) VALUES ($1, $2, 'DRAFT', $3, $3) RETURNING id",
        [await indicatorId("1.3"), q4, admin],
      );
      const field = await one<{ id: number }>(
        "SELECT f.id FROM indicator_fields f JOIN indicators i ON i.id = f.indicator_id WHERE i.ref = '1.4'",
      );
      await expect(
        db.sql.query("INSERT INTO return_values (return_id, field_id, number) VALUES ($1, $2, 5)", [returnId, field.id]),
      ).rejects.toMatchObject({ message: expect.stringContaining("does not belong") });
    });
  });
});

describe("nothing that belongs to a quarter can be truncated", () => {
  const tables = ["returns", "return_values", "return_queries", "quarters", "reporting_years", "chases", "chase_items"];
  let returnsBefore: string;
  let valuesBefore: string;
  beforeAll(async () => {
    returnsBefore = (await one<{ count: string }>("SELECT count(*) FROM returns")).count;
    valuesBefore = (await one<{ count: string }>("SELECT count(*) FROM return_values")).count;
  });

  it.each(tables)("%s: the app's role has no TRUNCATE, and the owner is refused by a trigger", async (table) => {
    await expect(db.sql.query(`TRUNCATE ${table} CASCADE`)).rejects.toMatchObject({ code: "42501" });
    await asOwner(async (owner) => {
      await expect(owner.query(`TRUNCATE ${table} CASCADE`)).rejects.toMatchObject({ code: "QRAPP", message: expect.stringContaining("is refused") });
    });
  });

  it("keeps every figure after the attempts", async () => {
    expect((await one<{ count: string }>("SELECT count(*) FROM returns")).count).toBe(returnsBefore);
    expect((await one<{ count: string }>("SELECT count(*) FROM return_values")).count).toBe(valuesBefore);
  });
});

describe("the app's role can read and write rows, and nothing more", () => {
  it.each([
    ["disable the lock's trigger", "ALTER TABLE returns DISABLE TRIGGER returns_lock_closed_quarter"],
    ["disable every trigger", "ALTER TABLE audit_events DISABLE TRIGGER ALL"],
    ["drop a table", "DROP TABLE return_values"],
    ["create a table", "CREATE TABLE smuggled (id int)"],
    ["replace a trigger function", "CREATE OR REPLACE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"],
    ["set session_replication_role", "SET session_replication_role = replica"],
    ["become the owner", "SET ROLE quarterly_returns_owner"],
    ["read the migrations' record", 'SELECT * FROM "_prisma_migrations"'],
  ])("cannot %s", async (_, statement) => {
    await expect(db.sql.query(statement)).rejects.toMatchObject({ code: "42501" });
  });

  it("is neither a superuser nor the owner of any table", async () => {
    const role = await one<{ superuser: boolean; owns: string }>(
      `SELECT rolsuper AS superuser, (SELECT count(*) FROM pg_tables WHERE tableowner = current_user) AS owns FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ superuser: false, owns: "0" });
  });
});

describe("a quarter's sign-off changed outside the application is on record", () => {
  const aSignedOffQuarter = async () => (await one<{ id: number }>("SELECT id FROM quarters WHERE status = 'CLOSED' ORDER BY number LIMIT 1")).id;
  const reopenBySql = (id: number) =>
    db.sql.query("UPDATE quarters SET status = 'OPEN', signed_off_at = NULL, signed_off_by_id = NULL WHERE id = $1", [id]);

  it("records a reopening by direct SQL, naming the role", async () => {
    const quarter = await aSignedOffQuarter();
    await reopenBySql(quarter);
    const event = await one<{ action: string; quarter_id: number; before: { status: string }; after: { status: string; by: string } }>(
      "SELECT action, quarter_id, before, after FROM audit_events WHERE action = 'quarter.changed-outside-app' ORDER BY id DESC LIMIT 1",
    );
    expect(event).toMatchObject({
      quarter_id: quarter,
      before: { status: "CLOSED" },
      after: { status: "OPEN", by: "Someone using the database directly (role quarterly_returns_app)" },
    });
  });

  it("is not fooled by a forged audit row written in another transaction", async () => {
    const quarter = await aSignedOffQuarter();
    await db.sql.query("INSERT INTO audit_events (action, entity_type, quarter_id, transaction_id) VALUES ('quarter.reopen', 'quarter', $1, '1')", [quarter]);
    const before = (await one<{ count: string }>("SELECT count(*) FROM audit_events WHERE action = 'quarter.changed-outside-app'")).count;
    await reopenBySql(quarter);
    expect((await one<{ count: string }>("SELECT count(*) FROM audit_events WHERE action = 'quarter.changed-outside-app'")).count).toBe(String(Number(before) + 1));
  });

  it("records nothing for an update that leaves status and sign-off as they were", async () => {
    const before = (await one<{ count: string }>("SELECT count(*) FROM audit_events")).count;
    await db.sql.query("UPDATE quarters SET due_date = due_date + 1 WHERE number = 4");
    expect((await one<{ count: string }>("SELECT count(*) FROM audit_events")).count).toBe(before);
  });
});
