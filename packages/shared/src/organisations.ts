import { z } from "./zod.ts";
import { emailSchema } from "./auth.ts";
import { organisationRefSchema } from "./refs.ts";
import { oneLine } from "./text.ts";

/** One line of text that may be left empty: trimmed, and null when empty. */
export const optionalText = (max: number, label: string) =>
  z.pipe(
    z.nullish(z.string().check(z.trim(), z.maxLength(max, { error: `${label} must be ${max} characters or fewer` }), oneLine(label))),
    z.transform((value) => value || null),
  );

export const organisationSchema = z.strictObject({
  name: z.string({ error: "Enter the organisation's name" }).check(
    z.trim(),
    z.minLength(1, { error: "Enter the organisation's name" }),
    z.maxLength(120, { error: "Name must be 120 characters or fewer" }),
    oneLine("Name"),
  ),
  shortName: z.string({ error: "Enter a short name" }).check(
    z.trim(),
    z.minLength(1, { error: "Enter a short name, like YOT" }),
    z.maxLength(30, { error: "Short name must be 30 characters or fewer" }),
    oneLine("Short name"),
  ),
  contactName: optionalText(120, "Contact name"),
  // An empty box means no contact email.
  contactEmail: z.pipe(
    z.transform((value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value)),
    z.nullish(emailSchema),
  ),
});
export type OrganisationInput = z.input<typeof organisationSchema>;
export type OrganisationChanges = z.output<typeof organisationSchema>;

// organisationSchema, above, is the body an admin sends: the answer's schema is named apart so neither app has to change.
export const organisationResponseSchema = z.extend(organisationRefSchema, { contactName: z.nullable(z.string()), contactEmail: z.nullable(z.string()) });
export type Organisation = z.infer<typeof organisationResponseSchema>;
