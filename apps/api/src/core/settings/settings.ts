// The partnership's settings: one row, made with its default by the migration that added the table.
import type { PartnershipSettings } from "@quarterly-returns/shared";
import { authorize } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";

/** The name a new database starts with: the demo's partnership, until an admin changes it. */
export const DEFAULT_PARTNERSHIP_NAME = "Safer Stockton Partnership";

const SETTINGS_ROW = 1;

/** Anyone signed in may read them: the name is on every copy of the report. */
export async function readSettings(context: Context): Promise<PartnershipSettings> {
  if (context.actor.kind === "anonymous") throw new ServiceError(401, "Sign in to continue.");
  const row = await context.db.partnershipSettings.findUnique({ where: { id: SETTINGS_ROW }, select: { partnershipName: true } });
  return row ?? { partnershipName: DEFAULT_PARTNERSHIP_NAME };
}

export async function saveSettings(context: Context, changes: PartnershipSettings): Promise<PartnershipSettings> {
  await authorize(context, "manageSettings");
  return transaction(context, async (tx) => {
    const before = await readSettings(tx);
    const after = await tx.db.partnershipSettings.upsert({
      where: { id: SETTINGS_ROW },
      create: { id: SETTINGS_ROW, partnershipName: changes.partnershipName },
      update: { partnershipName: changes.partnershipName },
      select: { partnershipName: true },
    });
    await tx.audit({ action: "settings.update", entityType: "settings", entityId: SETTINGS_ROW, before, after });
    return after;
  });
}
