// The partnership's own settings: its name, printed on the board pack's cover.
import { z } from "./zod.ts";
import { oneLine } from "./text.ts";

export const partnershipSettingsSchema = z.strictObject({
  partnershipName: z.string({ error: "Enter the partnership's name" }).check(
    z.trim(),
    z.minLength(1, { error: "Enter the partnership's name" }),
    z.maxLength(120, { error: "The partnership's name must be 120 characters or fewer" }),
    oneLine("The partnership's name"),
  ),
});
export type PartnershipSettings = z.output<typeof partnershipSettingsSchema>;
