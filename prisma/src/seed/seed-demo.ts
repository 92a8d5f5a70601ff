import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { hashPassword } from "../passwords.ts";
import {
  DEMO_PASSWORD,
  OPEN_QUARTER_DUE_IN_DAYS,
  organisations,
  priorities,
  quarters,
  users,
  year,
  type DemoIndicator,
  type DemoQuarter,
  type DemoUpdate,
  type DemoValue,
} from "./demo-data.ts";

type Transaction = Prisma.TransactionClient;

const date = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const at = (isoDate: string, time: string) => new Date(`${isoDate}T${time}Z`);

/** True when the database holds no organisation and no user: the only state the demo is written into. */
export async function isEmpty(prisma: PrismaClient): Promise<boolean> {
  const [organisationCount, userCount] = await Promise.all([prisma.organisation.count(), prisma.user.count()]);
  return organisationCount === 0 && userCount === 0;
}

/**
 * Writes the demo partnership in one transaction: organisations, the demo sign-ins, the 2019/20
 * framework, Q1–Q3 returns (then signed off, so locked) and Q4 open, due `OPEN_QUARTER_DUE_IN_DAYS`
 * after `today`.
 */
export async function seedDemo(prisma: PrismaClient, today = new Date()): Promise<void> {
  const passwordHashes = await Promise.all(users.map(() => hashPassword(DEMO_PASSWORD)));

  await prisma.$transaction(
    async (tx) => {
      const organisationIds = new Map<string, number>();
      for (const { key, ...organisation } of organisations) {
        const created = await tx.organisation.create({ data: organisation });
        organisationIds.set(key, created.id);
      }

      const userIds = new Map<string, number>();
      for (const [index, user] of users.entries()) {
        const created = await tx.user.create({
          data: {
            email: user.email,
            name: user.name,
            role: user.role,
            passwordHash: passwordHashes[index]!,
            organisationId: user.organisation ? organisationIds.get(user.organisation)! : null,
          },
        });
        userIds.set(user.organisation ?? user.role, created.id);
      }
      const adminId = userIds.get("ADMIN")!;

      const { id: yearId } = await tx.reportingYear.create({
        data: { label: year.label, planYear: year.planYear, startDate: date(year.startDate), endDate: date(year.endDate) },
      });
      const quarterIds = new Map<number, number>();
      for (const quarter of quarters) {
        const created = await tx.quarter.create({
          data: {
            yearId,
            number: quarter.number,
            startDate: date(quarter.startDate),
            endDate: date(quarter.endDate),
            dueDate: quarter.dueDate ? date(quarter.dueDate) : addDays(today, OPEN_QUARTER_DUE_IN_DAYS),
            // Every quarter starts open; Q1–Q3 are signed off below once their returns are in.
            status: "OPEN",
          },
        });
        quarterIds.set(quarter.number, created.id);
      }

      for (const [priorityIndex, priority] of priorities.entries()) {
        const { id: priorityId } = await tx.priority.create({
          data: { yearId, number: priority.number, title: priority.title, outcome: priority.outcome, sortOrder: priorityIndex + 1 },
        });
        for (const [indicatorIndex, indicator] of priority.indicators.entries()) {
          const created = await createIndicator(tx, indicator, priorityId, indicatorIndex + 1, organisationIds.get(indicator.owner)!);
          for (const [quarterIndex, update] of indicator.updates.entries()) {
            const quarter = quarters[quarterIndex]!;
            await createReturn(tx, {
              indicatorId: created.id,
              quarterId: quarterIds.get(quarter.number)!,
              fieldIds: created.fieldIds,
              update,
              ownerId: userIds.get(indicator.owner)!,
              adminId,
              quarter,
            });
          }
        }
      }

      for (const quarter of quarters.filter((candidate) => candidate.signedOffOn)) {
        const quarterId = quarterIds.get(quarter.number)!;
        const signedOffAt = at(quarter.signedOffOn!, "10:30:00");
        await tx.quarter.update({ where: { id: quarterId }, data: { status: "CLOSED", signedOffById: adminId, signedOffAt } });
        await tx.auditEvent.create({
          data: {
            at: signedOffAt,
            actorId: adminId,
            action: "quarter.close",
            entityType: "quarter",
            entityId: String(quarterId),
            quarterId,
            before: { status: "OPEN" },
            after: { status: "CLOSED", note: "Signed off when the 2019/20 report was loaded as demo data." },
          },
        });
      }
    },
    { timeout: 60_000 },
  );
}

async function createIndicator(
  tx: Transaction,
  indicator: DemoIndicator,
  priorityId: number,
  sortOrder: number,
  ownerOrganisationId: number,
): Promise<{ id: number; fieldIds: Map<string, number> }> {
  const created = await tx.indicator.create({
    data: {
      priorityId,
      ref: indicator.ref,
      title: indicator.title,
      ownerOrganisationId,
      leadContact: indicator.leadContact,
      restricted: indicator.restricted ?? false,
      polarity: indicator.polarity,
      headlineFieldKey: indicator.headline ?? null,
      sortOrder,
      fields: {
        create: indicator.fields.map((field, index) => ({
          key: field.key,
          label: field.label,
          kind: field.kind,
          unit: field.unit ?? null,
          comparesWithPreviousYear: field.comparesWithPreviousYear ?? false,
          required: field.required ?? false,
          sortOrder: index + 1,
        })),
      },
    },
    include: { fields: true },
  });
  return { id: created.id, fieldIds: new Map(created.fields.map((field) => [field.key, field.id])) };
}

interface ReturnToCreate {
  indicatorId: number;
  quarterId: number;
  fieldIds: Map<string, number>;
  update: DemoUpdate;
  ownerId: number;
  adminId: number;
  quarter: DemoQuarter;
}

async function createReturn(tx: Transaction, toCreate: ReturnToCreate): Promise<void> {
  const { update, quarter } = toCreate;
  const common = { indicatorId: toCreate.indicatorId, quarterId: toCreate.quarterId };

  if ("noData" in update) {
    // "Not provided" is what sign-off records for a missing return, so the admin did it then.
    const notProvided = update.noData === "NOT_PROVIDED";
    const actorId = notProvided ? toCreate.adminId : toCreate.ownerId;
    const when = notProvided ? at(quarter.signedOffOn!, "10:30:00") : at(quarter.submittedOn!, "09:00:00");
    await tx.return.create({
      data: {
        ...common,
        status: "NO_DATA",
        noDataReason: update.noData,
        availableFrom: update.availableFrom ? date(update.availableFrom) : null,
        explanation: update.explanation ?? null,
        ...stamps(actorId, when),
      },
    });
    return;
  }

  await tx.return.create({
    data: {
      ...common,
      status: "SUBMITTED",
      commentary: update.commentary ?? null,
      ...stamps(toCreate.ownerId, at(quarter.submittedOn!, "09:00:00")),
      values: {
        create: Object.entries(update.values ?? {}).map(([key, value]) => ({
          fieldId: toCreate.fieldIds.get(key)!,
          ...figure(value),
        })),
      },
    },
  });
}

function stamps(userId: number, when: Date) {
  return {
    createdById: userId,
    createdAt: when,
    updatedById: userId,
    updatedAt: when,
    submittedById: userId,
    submittedAt: when,
  };
}

function figure(value: DemoValue) {
  if (typeof value === "number") return { number: value };
  if ("text" in value) return { text: value.text };
  return { number: value.value, previousYearValue: value.previousYear ?? null, outOf: value.outOf ?? null };
}

function addDays(day: Date, days: number): Date {
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return new Date(start + days * 24 * 60 * 60 * 1000);
}
