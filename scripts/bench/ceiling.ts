// The ceiling: the same writes and reads done directly on PostgreSQL with `pg`, 32 at a time.
import pg from "pg";

export interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;

/** Runs `work` on `connections` clients back to back for `seconds`, timing each call. */
export async function measure(databaseUrl: string, connections: number, seconds: number, work: (client: pg.PoolClient, worker: number, iteration: number) => Promise<void>): Promise<Measurement> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      const client = await pool.connect();
      try {
        for (let iteration = 0; Date.now() < end; iteration++) {
          const started = performance.now();
          try {
            await work(client, worker, iteration);
            latencies.push(performance.now() - started);
          } catch {
            errors++;
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors };
}

/** One save: the return upserted with a new version, its values replaced, an audit row; one transaction. */
export function saveOnPostgres(indicators: { id: number; fields: { id: number; key: string }[] }[], quarterId: number, actorId: number) {
  return async (client: pg.PoolClient, worker: number, iteration: number) => {
    const indicator = indicators[worker % indicators.length]!;
    await client.query("BEGIN");
    try {
      const { rows } = await client.query(
        `INSERT INTO returns (indicator_id, quarter_id, status, created_by_id, updated_by_id)
         VALUES ($1, $2, 'DRAFT', $3, $3)
         ON CONFLICT (indicator_id, quarter_id) DO UPDATE SET version = returns.version + 1, updated_at = now(), updated_by_id = $3
         RETURNING id, version`,
        [indicator.id, quarterId, actorId],
      );
      const returnId = rows[0].id;
      await client.query("DELETE FROM return_values WHERE return_id = $1", [returnId]);
      for (const field of indicator.fields) {
        await client.query("INSERT INTO return_values (return_id, field_id, number) VALUES ($1, $2, $3)", [returnId, field.id, field.key === "count" ? iteration : 50.5]);
      }
      await client.query(
        `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, quarter_id, indicator_id, after) VALUES ($1, 'return.save-draft', 'return', $2, $3, $4, $5)`,
        [actorId, String(returnId), quarterId, indicator.id, JSON.stringify({ version: rows[0].version })],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  };
}

/** My returns: an organisation's indicators of the quarter's year, with fields, returns and values. */
export const myReturnsOnPostgres = (organisationId: number, quarterId: number) => async (client: pg.PoolClient) => {
  await client.query(
    `SELECT i.*, f.*, r.*, v.*
     FROM indicators i JOIN priorities p ON p.id = i.priority_id JOIN quarters q ON q.year_id = p.year_id AND q.id = $2
     LEFT JOIN indicator_fields f ON f.indicator_id = i.id
     LEFT JOIN returns r ON r.indicator_id = i.id AND r.quarter_id = q.id
     LEFT JOIN return_values v ON v.return_id = r.id
     WHERE i.owner_organisation_id = $1`,
    [organisationId, quarterId],
  );
};

/** Completeness: every indicator of the year with its return's state for the quarter, and the last chases. */
export const completenessOnPostgres = (quarterId: number) => async (client: pg.PoolClient) => {
  await client.query(
    `SELECT i.id, i.ref, i.title, i.owner_organisation_id, o.name, r.status, r.no_data_reason, r.available_from, r.submitted_at
     FROM indicators i JOIN priorities p ON p.id = i.priority_id JOIN quarters q ON q.year_id = p.year_id AND q.id = $1
     JOIN organisations o ON o.id = i.owner_organisation_id
     LEFT JOIN returns r ON r.indicator_id = i.id AND r.quarter_id = q.id`,
    [quarterId],
  );
  await client.query(`SELECT DISTINCT ON (organisation_id) * FROM chases WHERE quarter_id = $1 ORDER BY organisation_id, sent_at DESC`, [quarterId]);
};

/** The year's report: every indicator with its four quarters' returns and values. */
export const reportOnPostgres = (yearId: number) => async (client: pg.PoolClient) => {
  await client.query(
    `SELECT p.*, i.*, f.*, r.*, v.*
     FROM priorities p JOIN indicators i ON i.priority_id = p.id
     LEFT JOIN indicator_fields f ON f.indicator_id = i.id
     LEFT JOIN returns r ON r.indicator_id = i.id AND r.quarter_id IN (SELECT id FROM quarters WHERE year_id = $1)
     LEFT JOIN return_values v ON v.return_id = r.id AND v.field_id = f.id
     WHERE p.year_id = $1`,
    [yearId],
  );
};
