// A large history for the benchmark: 10 years × 60 indicators × 4 quarters, 12 organisations,
// realistic values; the latest year's Q4 open and empty, the rest signed off.
import { hashPassword, type PrismaClient } from "@quarterly-returns/db";
import pg from "pg";

export const YEARS = 10;
export const INDICATORS = 60;
export const ORGANISATIONS = 12;
export const PASSWORD = "bench-password-1";

export interface History {
  openQuarterId: number;
  latestYearId: number;
  /** For each organisation, its data owner's email and its indicators in the open quarter. */
  owners: { email: string; indicatorIds: number[] }[];
}

export async function createHistory(prisma: PrismaClient, databaseUrl: string): Promise<History> {
  const passwordHash = await hashPassword(PASSWORD);
  const admin = await prisma.user.create({ data: { email: "admin@bench.test", name: "Bench Admin", role: "ADMIN", passwordHash } });
  await prisma.user.create({ data: { email: "manager@bench.test", name: "Bench Manager", role: "MANAGER", passwordHash } });
  const organisationIds: number[] = [];
  for (let index = 1; index <= ORGANISATIONS; index++) {
    const organisation = await prisma.organisation.create({
      data: { name: `Partner organisation ${index}`, shortName: `P${index}`, contactName: `Contact ${index}`, contactEmail: `contact${index}@bench.test` },
    });
    organisationIds.push(organisation.id);
    await prisma.user.create({ data: { email: `owner${index}@bench.test`, name: `Owner ${index}`, role: "DATA_OWNER", organisationId: organisation.id, passwordHash } });
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO reporting_years (label, plan_year, start_date, end_date)
       SELECT (2010 + y) || '/' || lpad(((11 + y) % 100)::text, 2, '0'), y + 1, make_date(2010 + y, 4, 1), make_date(2011 + y, 3, 31)
       FROM generate_series(0, $1 - 1) y`,
      [YEARS],
    );
    await client.query(
      `INSERT INTO quarters (year_id, number, start_date, end_date, due_date, status)
       SELECT y.id, q, (y.start_date + ((q - 1) * 3) * interval '1 month')::date,
              (y.start_date + (q * 3) * interval '1 month' - interval '1 day')::date,
              (y.start_date + (q * 3 + 1) * interval '1 month' - interval '1 day')::date, 'OPEN'
       FROM reporting_years y, generate_series(1, 4) q`,
    );
    await client.query(
      `INSERT INTO priorities (year_id, number, title, outcome, sort_order)
       SELECT y.id, p, 'Priority ' || p, 'Outcome of priority ' || p, p FROM reporting_years y, generate_series(1, 5) p`,
    );
    // Indicators in year order, so each can name last year's as its lineage.
    await client.query(
      `INSERT INTO indicators (priority_id, ref, title, owner_organisation_id, polarity, headline_field_key, sort_order)
       SELECT p.id, p.number || '.' || i, 'Indicator ' || p.number || '.' || i, ($1::int[])[((p.number - 1) * 12 + i - 1) % $2 + 1],
              (ARRAY['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL']::"Polarity"[])[i % 3 + 1], 'count', i
       FROM priorities p JOIN reporting_years y ON y.id = p.year_id, generate_series(1, $3 / 5) i
       ORDER BY y.start_date, p.number, i`,
      [organisationIds, ORGANISATIONS, INDICATORS],
    );
    await client.query(
      `UPDATE indicators i SET previous_indicator_id = previous.id
       FROM priorities p, reporting_years y, indicators previous, priorities pp, reporting_years py
       WHERE p.id = i.priority_id AND y.id = p.year_id AND pp.id = previous.priority_id AND py.id = pp.year_id
         AND py.start_date = y.start_date - interval '1 year' AND pp.number = p.number AND previous.ref = i.ref`,
    );
    await client.query(
      `INSERT INTO indicator_fields (indicator_id, key, label, kind, unit, compares_with_previous_year, required, sort_order)
       SELECT id, 'count', 'Incidents', 'COUNT'::"FieldKind", 'incidents', true, true, 1 FROM indicators
       UNION ALL SELECT id, 'rate', 'Rate', 'PERCENT'::"FieldKind", NULL, false, false, 2 FROM indicators`,
    );
    // Every quarter but the latest has its returns: submitted figures, some with no data.
    await client.query(
      `INSERT INTO returns (indicator_id, quarter_id, status, no_data_reason, commentary, created_by_id, updated_by_id, submitted_by_id, submitted_at)
       SELECT indicator_id, quarter_id,
              CASE WHEN no_data THEN 'NO_DATA'::"ReturnStatus" ELSE 'SUBMITTED'::"ReturnStatus" END,
              CASE WHEN no_data THEN 'NO_UPDATE'::"NoDataReason" END,
              CASE WHEN NOT no_data THEN 'Quarterly commentary on the figures, with the context the board needs to read them.' END,
              $1::int, $1::int, $1::int, submitted_at
       FROM (SELECT i.id AS indicator_id, q.id AS quarter_id, random() < 0.1 AS no_data, (q.end_date + 20)::timestamptz AS submitted_at
             FROM indicators i JOIN priorities p ON p.id = i.priority_id JOIN quarters q ON q.year_id = p.year_id
             WHERE q.id <> (SELECT id FROM quarters ORDER BY end_date DESC LIMIT 1)) candidates`,
      [admin.id],
    );
    await client.query(
      `INSERT INTO return_values (return_id, field_id, number, previous_year_value)
       SELECT r.id, f.id,
              CASE f.key WHEN 'count' THEN floor(random() * 3000) ELSE round((random() * 100)::numeric, 1) END,
              CASE f.key WHEN 'count' THEN floor(random() * 3000) END
       FROM returns r JOIN indicator_fields f ON f.indicator_id = r.indicator_id
       WHERE r.status = 'SUBMITTED'`,
    );
    await client.query(
      `UPDATE quarters SET status = 'CLOSED', signed_off_by_id = $1, signed_off_at = (end_date + 45)::timestamptz
       WHERE id <> (SELECT id FROM quarters ORDER BY end_date DESC LIMIT 1)`,
      [admin.id],
    );
    await client.query("COMMIT");
  } finally {
    await client.end();
  }

  const open = await prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
  const indicators = await prisma.indicator.findMany({ where: { priority: { yearId: open.yearId } }, orderBy: { id: "asc" } });
  return {
    openQuarterId: open.id,
    latestYearId: open.yearId,
    owners: organisationIds.map((organisationId, index) => ({
      email: `owner${index + 1}@bench.test`,
      indicatorIds: indicators.filter((indicator) => indicator.ownerOrganisationId === organisationId).map((indicator) => indicator.id),
    })),
  };
}
