import { z } from "zod";
import { emailSchema } from "./auth.ts";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .transform((value) => value || null)
    .nullish();

export const organisationSchema = z.strictObject({
  name: z
    .string({ error: "Enter the organisation's name" })
    .trim()
    .min(1, { error: "Enter the organisation's name" })
    .max(120, { error: "Name must be 120 characters or fewer" }),
  shortName: z
    .string({ error: "Enter a short name" })
    .trim()
    .min(1, { error: "Enter a short name, like YOT" })
    .max(30, { error: "Short name must be 30 characters or fewer" }),
  contactName: optionalText(120, "Contact name"),
  // An empty box means no contact email.
  contactEmail: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), emailSchema.nullish()),
});
export type OrganisationInput = z.input<typeof organisationSchema>;
export type OrganisationChanges = z.output<typeof organisationSchema>;

export interface Organisation {
  id: number;
  name: string;
  shortName: string;
  contactName: string | null;
  contactEmail: string | null;
}
