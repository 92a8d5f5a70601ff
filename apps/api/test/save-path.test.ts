// The save path is one statement after one read, sent straight to the connection pool: it must
// write exactly what Prisma wrote, keep the audit row's before and after, and leave the database
// the last line against a stale version, a signed-off quarter and a figure in another indicator's field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineContext, type Context } from "../src/core/context.ts";
import { isQuarterLockedError } from "../src/core/quarters/lock.ts";
import { findQuarter } from "../src/core/quarters/summary.ts";
import { indicatorInclude } from "../src/core/returns/mapping.ts";
import { recordReturn } from "../src/core/returns/record-return.ts";
import { writeReturn } from "../src/core/returns/return-sql.ts";
import { ServiceError } from "../src/core/errors.ts";
import { as, buildTestApp, fingerprint, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let openQuarterId: number;

beforeAll(async () => {
  test = await buildTestApp("demo");
  openQuarterId = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
});
afterAll(() => test.close());

const decimalField = () => test.db.prisma.indicatorField.findFirstOrThrow({ where: { kind: "DECIMAL", retired: false, indicator: { retired: false } }, include: { indicator: { include: { ownerOrganisation: true } } } });

async function ownerContext(organisationId: number): Promise<Context> {
  const owner = await test.db.prisma.user.findFirstOrThrow({ where: { organisationId, role: "DATA_OWNER", active: true } });
  return offlineContext({ db: test.db.prisma, actor: { kind: "person", id: owner.id, name: owner.name, role: owner.role, organisationId }, origin: "test" });
}

describe("a save", () => {
  it("answers with the return exactly as it is then read, and audits the figures before and after", async () => {
    const field = await decimalField();
    const owner = as(test.app, await signIn(test.app, field.indicator.ownerOrganisation.contactEmail!));
    const url = `/api/returns/${field.indicatorId}/${openQuarterId}`;
    const version = (await owner.get(url)).json().return?.version ?? 0;

    const figures = ["2,424", "072.50", "0.000001", "12345.123456", "1.000000"];
    let previous: unknown = null;
    for (const [index, figure] of figures.entries()) {
      const saved = await owner.put(url, { version: version + index, status: "DRAFT", values: { [field.key]: figure }, commentary: `Saved ${index}` });
      expect(saved.statusCode, figure).toBe(200);
      const read = (await owner.get(url)).json().return;
      expect(saved.json().return, figure).toEqual(read);

      const audit = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: "return", entityId: String(read.id) }, orderBy: { id: "desc" } });
      expect(audit.action).toBe("return.save-draft");
      expect(audit.after).toEqual({
        status: "DRAFT", noData: null, values: read.values, previousYear: read.previousYear, commentary: `Saved ${index}`, periodCovered: read.periodCovered, version: read.version,
      });
      expect(audit.before).toEqual(previous);
      previous = audit.after;
    }
    expect((await owner.get(url)).json().return.values[field.key]).toBe("1");
  });

  it("by a stale version is refused with the current return, and writes nothing", async () => {
    const field = await decimalField();
    const owner = as(test.app, await signIn(test.app, field.indicator.ownerOrganisation.contactEmail!));
    const url = `/api/returns/${field.indicatorId}/${openQuarterId}`;
    const current = (await owner.get(url)).json().return;
    const before = await fingerprint(test.db);
    const stale = await owner.put(url, { version: current.version - 1, status: "DRAFT", values: { [field.key]: "5" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toEqual(current);
    expect(await fingerprint(test.db)).toBe(before);
  });
});

describe("the database, behind the save's own checks", () => {
  it("refuses a save to a quarter signed off after the server last read it, and nothing is written", async () => {
    const field = await decimalField();
    const context = await ownerContext(field.indicator.ownerOrganisationId);
    const indicator = await test.db.prisma.indicator.findUniqueOrThrow({ where: { id: field.indicatorId }, include: indicatorInclude });
    const quarterAsRead = await findQuarter(test.db.prisma, openQuarterId);
    const current = await test.db.prisma.return.findUnique({ where: { indicatorId_quarterId: { indicatorId: indicator.id, quarterId: openQuarterId } } });
    const admin = await test.db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    await test.db.prisma.quarter.update({ where: { id: openQuarterId }, data: { status: "CLOSED", signedOffById: admin.id, signedOffAt: new Date() } });
    try {
      const before = await fingerprint(test.db);
      const refusal = await recordReturn(context, { indicator, quarter: quarterAsRead, body: { version: current?.version ?? 0, status: "DRAFT", values: { [field.key]: "7" } } }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ServiceError);
      expect((refusal as ServiceError).statusCode).toBe(423);
      expect(await fingerprint(test.db)).toBe(before);
    } finally {
      await test.db.prisma.quarter.update({ where: { id: openQuarterId }, data: { status: "OPEN", signedOffById: null, signedOffAt: null } });
    }
  });

  it("refuses a new return's figure in a field of another indicator, and writes neither the return nor its audit", async () => {
    const field = await decimalField();
    const context = await ownerContext(field.indicator.ownerOrganisationId);
    const other = await test.db.prisma.indicator.findFirstOrThrow({
      where: { id: { not: field.indicatorId }, priority: { year: { quarters: { some: { id: openQuarterId } } } }, returns: { none: { quarterId: openQuarterId } }, retired: false },
    });
    const before = await fingerprint(test.db);
    const person = context.actor as { id: number };
    const refusal = await writeReturn(context, {
      indicatorId: other.id,
      quarterId: openQuarterId,
      existing: null,
      columns: {
        status: "DRAFT", noDataReason: null, availableFrom: null, explanation: null, commentary: null, periodCovered: null, updatedById: person.id, updatedAt: new Date(),
        submittedById: null, submittedAt: null, confirmedOutliers: [], notProvidedAtSignOff: false, draftBeforeSignOff: null,
      },
      values: [{ fieldId: field.id, number: "1", outOf: null, text: null, previousYearValue: null }],
      audit: { action: "return.save-draft", entityType: "return", quarterId: openQuarterId, indicatorId: other.id },
    }).catch((error: unknown) => error);
    expect(String(refusal)).toMatch(/does not belong to the indicator/);
    expect(isQuarterLockedError(refusal)).toBe(false);
    expect(await fingerprint(test.db)).toBe(before);
  });
});
