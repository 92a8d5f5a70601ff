// The framework an admin edits: priorities, their indicators, and each indicator's fields.
import { z } from "zod";
import type { OrganisationRef } from "./auth.ts";
import { FIELD_KINDS, POLARITIES, type Polarity } from "./enums.ts";
import { parseFigure } from "./figures.ts";
import type { FieldDeclaration } from "./returns.ts";

const text = (missing: string, max: number) =>
  z.string({ error: missing }).trim().min(1, { error: missing }).max(max, { error: `Keep it to ${max} characters or fewer` });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep it to ${max} characters or fewer` })
    .nullish()
    .transform((value) => value || null);
const figure = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return null;
    const parsed = parseFigure(value);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: `Must be a number: it ${parsed.error}` });
      return z.NEVER;
    }
    return parsed.value;
  });

export const prioritySchema = z.strictObject({
  number: z.coerce.number({ error: "Enter the priority's number" }).int().min(1, { error: "Enter a number, 1 or more" }),
  title: text("Enter the priority's title", 300),
  outcome: text("Enter the outcome the priority aims for", 1000),
});
export type PriorityInput = z.input<typeof prioritySchema>;

export const fieldSchema = z
  .strictObject({
    key: z
      .string({ error: "Enter a key" })
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/, { error: "A key is a short name of letters and digits, starting with a letter, like dwellings" }),
    label: text("Enter the field's label", 200),
    kind: z.enum(FIELD_KINDS, { error: "Choose the kind of figure" }),
    unit: optionalText(100),
    comparesWithPreviousYear: z.boolean().default(false),
    required: z.boolean().default(false),
    softMin: figure,
    softMax: figure,
    retired: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    if (field.kind === "TEXT" && (field.comparesWithPreviousYear || field.softMin || field.softMax)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "A text field has no comparison with last year and no expected range" });
    }
    if (field.softMin && field.softMax && Number(field.softMin) > Number(field.softMax)) {
      ctx.addIssue({ code: "custom", path: ["softMax"], message: "The expected maximum must be at least the minimum" });
    }
  });

export const indicatorSchema = z
  .strictObject({
    ref: optionalText(20),
    title: text("Enter what the indicator monitors", 500),
    ownerOrganisationId: z.number({ error: "Choose the organisation that owns it" }).int().positive(),
    leadContact: optionalText(200),
    restricted: z.boolean().default(false),
    polarity: z.enum(POLARITIES, { error: "Choose whether higher or lower is better" }),
    target: figure,
    headlineFieldKey: optionalText(50),
    sortOrder: z.coerce.number().int().min(0).default(0),
    retired: z.boolean().default(false),
    fields: z.array(fieldSchema).max(20, { error: "An indicator has at most 20 fields" }).default([]),
  })
  .superRefine((indicator, ctx) => {
    const keys = indicator.fields.map((field) => field.key);
    keys.forEach((key, index) => {
      if (keys.indexOf(key) !== index) ctx.addIssue({ code: "custom", path: ["fields", index, "key"], message: `Another field already has the key ${key}` });
    });
    if (indicator.headlineFieldKey && !keys.includes(indicator.headlineFieldKey)) {
      ctx.addIssue({ code: "custom", path: ["headlineFieldKey"], message: "Choose the headline from the indicator's own fields" });
    }
  });
export type IndicatorInput = z.input<typeof indicatorSchema>;
export type IndicatorChanges = z.output<typeof indicatorSchema>;

export interface FrameworkField extends FieldDeclaration {
  /** Figures it holds: such a field can be retired, not deleted or redefined. */
  values: number;
}

export interface FrameworkIndicator {
  id: number;
  ref: string | null;
  title: string;
  owner: OrganisationRef;
  leadContact: string | null;
  restricted: boolean;
  polarity: Polarity;
  target: string | null;
  headlineFieldKey: string | null;
  sortOrder: number;
  retired: boolean;
  previousIndicatorId: number | null;
  returns: number;
  /** Returns in signed-off quarters: the indicator's wording is then fixed for the year. */
  signedOffReturns: number;
  fields: FrameworkField[];
}

export interface FrameworkPriority {
  id: number;
  number: number;
  title: string;
  outcome: string;
  sortOrder: number;
  /** Has indicators with signed-off returns: its wording is fixed for the year. */
  locked: boolean;
  indicators: FrameworkIndicator[];
}

export interface Framework {
  year: { id: number; label: string };
  priorities: FrameworkPriority[];
}
