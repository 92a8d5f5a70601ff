// The demo partnership, written the way people would have written it, through the same services:
// the system adds the organisations, the sign-ins, the 2019/20 year and its framework; each data
// owner submits their Q1–Q3 returns on the day the report says; the admin signs each quarter off
// (which records what was missing as "No data provided"); Q4 is open, due a few weeks from today.
import type { CreateUser, IndicatorChanges, SaveReturnInput } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import { actingAs, at, offlineContext, transaction, type Db, type PersonActor } from "../context.ts";
import { saveIndicator, savePriority } from "../framework/framework.ts";
import { saveOrganisation } from "../organisations/organisations.ts";
import { signOff } from "../quarters/sign-off.ts";
import { addYear, updateQuarter } from "../quarters/years.ts";
import { saveReturn } from "../returns/save-return.ts";
import { createUser } from "../users/users.ts";
import { DEMO_PASSWORD, OPEN_QUARTER_DUE_IN_DAYS, organisations, priorities, quarters, users, year, type DemoIndicator, type DemoUpdate } from "./demo-data.ts";

/** True when the database holds no organisation and no user: the only state the demo is written into. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [organisationCount, userCount] = await Promise.all([db.organisation.count(), db.user.count()]);
  return organisationCount === 0 && userCount === 0;
}

const moment = (day: string, time: string) => at(new Date(`${day}T${time}Z`));

/** Writes the demo into an empty database, as the system; `today` sets when the open quarter is due. */
export async function seedDemo(db: Db, today = new Date()): Promise<void> {
  const system = offlineContext({ db, actor: { kind: "system", name: "Demo data" }, origin: "demo data", now: () => today });
  await transaction(
    system,
    async (transactionContext) => {
      // The partnership was set up as its year began; the open quarter is due from today.
      const tx = actingAs(transactionContext, system.actor, moment(year.startDate, "07:00:00"));
      const organisationIds = new Map<string, number>();
      for (const { key, ...organisation } of organisations) organisationIds.set(key, (await saveOrganisation(tx, null, organisation)).id);

      const people = new Map<string, PersonActor>();
      for (const user of users) {
        const input: CreateUser = { email: user.email, name: user.name, role: user.role, organisationId: user.organisation ? organisationIds.get(user.organisation)! : null };
        const { user: created } = await createUser(tx, input, { password: DEMO_PASSWORD });
        people.set(user.organisation ?? user.role, { kind: "person", id: created.id, name: created.name, role: created.role, organisationId: input.organisationId });
      }
      const admin = people.get("ADMIN")!;

      const { id: yearId } = await addYear(tx, year);
      const quarterIds = new Map((await tx.db.quarter.findMany({ where: { yearId } })).map((quarter) => [quarter.number, quarter.id]));

      const indicators: { demo: DemoIndicator; id: number }[] = [];
      for (const priority of priorities) {
        const { id: priorityId } = await savePriority(tx, { yearId }, { number: priority.number, title: priority.title, outcome: priority.outcome });
        for (const [index, indicator] of priority.indicators.entries()) {
          const saved = await saveIndicator(tx, { priorityId }, framework(indicator, organisationIds.get(indicator.owner)!, index + 1));
          indicators.push({ demo: indicator, id: saved.id });
        }
      }

      for (const quarter of quarters) {
        const quarterId = quarterIds.get(quarter.number)!;
        if (!quarter.signedOffOn) {
          await updateQuarter(transactionContext, quarterId, { open: true, dueDate: isoDate(addDays(today, OPEN_QUARTER_DUE_IN_DAYS)) });
          continue;
        }
        await updateQuarter(actingAs(tx, admin, moment(quarter.startDate, "08:00:00")), quarterId, { open: true });
        for (const { demo, id } of indicators) {
          const update = demo.updates[quarter.number - 1]!;
          if ("noData" in update && update.noData === "NOT_PROVIDED") {
            // Sign-off records a return still missing as "No data provided"; where the report said so in
            // its own words ("No update provided"), the manager recorded them just before.
            if (update.explanation) await saveReturn(actingAs(tx, admin, moment(quarter.signedOffOn, "10:00:00")), id, quarterId, returnBody(update));
            continue;
          }
          const owner = actingAs(tx, people.get(demo.owner)!, moment(quarter.submittedOn!, "09:00:00"));
          await saveReturn(owner, id, quarterId, returnBody(update));
        }
        await signOff(actingAs(tx, admin, moment(quarter.signedOffOn, "10:30:00")), quarterId, { password: DEMO_PASSWORD });
      }
    },
    { timeout: 120_000 },
  );
}

function framework(indicator: DemoIndicator, ownerOrganisationId: number, sortOrder: number): IndicatorChanges {
  return {
    ref: indicator.ref,
    title: indicator.title,
    ownerOrganisationId,
    leadContact: indicator.leadContact,
    restricted: indicator.restricted ?? false,
    polarity: indicator.polarity,
    target: null,
    headlineFieldKey: indicator.headline ?? null,
    periodBasis: "QUARTER",
    periodLagMonths: 0,
    sortOrder,
    retired: false,
    fields: indicator.fields.map((field) => ({
      key: field.key,
      label: field.label,
      kind: field.kind,
      unit: field.unit ?? null,
      comparesWithPreviousYear: field.comparesWithPreviousYear ?? false,
      required: field.required ?? false,
      softMin: null,
      softMax: null,
      hardMin: null,
      hardMax: null,
      maxChange: null,
      retired: false,
    })),
  };
}

/** A demo update as the return form would send it. */
function returnBody(update: DemoUpdate): SaveReturnInput {
  if ("noData" in update) {
    return { version: 0, status: "NO_DATA", noData: { reason: update.noData, availableFrom: update.availableFrom ?? null, explanation: update.explanation ?? null } };
  }
  const values: NonNullable<SaveReturnInput["values"]> = {};
  const previousYear: Record<string, string> = {};
  for (const [key, value] of Object.entries(update.values ?? {})) {
    if (typeof value === "number") values[key] = String(value);
    else if ("text" in value) values[key] = value.text;
    else {
      values[key] = value.outOf === undefined ? String(value.value) : { position: String(value.value), outOf: String(value.outOf) };
      if (value.previousYear !== undefined) previousYear[key] = String(value.previousYear);
    }
  }
  // The report printed these figures: their owners confirmed any that looked implausible.
  return { version: 0, status: "SUBMITTED", values, previousYear, commentary: update.commentary ?? null, confirmed: Object.keys(values) };
}

function addDays(day: Date, days: number): Date {
  const start = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return new Date(start + days * 24 * 60 * 60 * 1000);
}
