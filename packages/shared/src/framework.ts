// The framework an admin edits: priorities, their indicators, and each indicator's fields.
import { z } from "./zod.ts";
import { FIELD_KINDS, PERIOD_BASES, POLARITIES } from "./enums.ts";
import { FIELD_KIND_MODULES } from "./field-kinds/index.ts";
import { fieldDeclarationSchema } from "./fields.ts";
import { parseFigure } from "./figures.ts";
import { idValue, MAX_ID } from "./http.ts";
import { optionalText } from "./organisations.ts";
import { PERIOD_LAG_MAX_MONTHS } from "./period.ts";
import { yearRefSchema } from "./refs.ts";
import { indicatorDefinitionSchema } from "./returns.ts";
import { multiLine, oneLine, optionalReason } from "./text.ts";

/** A name or title is one line; `lines` says when the text may run over several. */
const text = (missing: string, max: number, label: string, lines = oneLine) =>
  z.string({ error: missing }).check(z.trim(), z.minLength(1, { error: missing }), z.maxLength(max, { error: `Keep it to ${max} characters or fewer` }), lines(label));
const figure = z.pipe(
  z.nullish(z.union([z.string(), z.number()])).check(
    z.refine((value) => value === null || value === undefined || value === "" || "value" in parseFigure(value), { error: "Must be a number, like 2,424 or 72.6" }),
  ),
  z.transform((value) => {
    if (value === null || value === undefined || value === "") return null;
    const parsed = parseFigure(value);
    return "value" in parsed ? parsed.value : null;
  }),
);
const whole = (missing: string, minimum: number) =>
  z.coerce.number({ error: missing }).check(
    z.multipleOf(1, { error: "Enter a whole number" }),
    z.gte(minimum, { error: `Enter a number, ${minimum} or more` }),
    z.lte(MAX_ID, { error: `Enter a number, ${MAX_ID} or less` }),
  );

export const prioritySchema = z.strictObject({
  number: whole("Enter the priority's number", 1),
  title: text("Enter the priority's title", 300, "Title"),
  outcome: text("Enter the outcome the priority aims for", 1000, "Outcome", multiLine),
});
export type PriorityInput = z.input<typeof prioritySchema>;

export const fieldSchema = z
  .strictObject({
    key: z.string({ error: "Enter a key" }).check(
      z.trim(),
      z.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/, { error: "A key is a short name of letters and digits, starting with a letter, like dwellings" }),
    ),
    label: text("Enter the field's label", 200, "Label"),
    kind: z.enum(FIELD_KINDS, { error: "Choose the kind of figure" }),
    unit: optionalText(100, "Unit"),
    comparesWithPreviousYear: z._default(z.boolean(), false),
    required: z._default(z.boolean(), false),
    softMin: figure,
    softMax: figure,
    hardMin: figure,
    hardMax: figure,
    maxChange: figure,
    retired: z._default(z.boolean(), false),
  })
  .check(z.superRefine((field, ctx) => {
    if (!FIELD_KIND_MODULES[field.kind].numeric && (field.comparesWithPreviousYear || field.softMin || field.softMax)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "A text field has no comparison with last year and no expected range" });
    }
    if (field.softMin && field.softMax && Number(field.softMin) > Number(field.softMax)) {
      ctx.addIssue({ code: "custom", path: ["softMax"], message: "The expected maximum must be at least the minimum" });
    }
    if (!FIELD_KIND_MODULES[field.kind].numeric && (field.hardMin || field.hardMax || field.maxChange)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "A text field has no limits" });
    }
    if (field.hardMin && field.hardMax && Number(field.hardMin) > Number(field.hardMax)) {
      ctx.addIssue({ code: "custom", path: ["hardMax"], message: "The highest allowed figure must be at least the lowest" });
    }
    if (field.maxChange && Number(field.maxChange) <= (field.kind === "PERCENT" ? 0 : 1)) {
      const message = field.kind === "PERCENT" ? "Enter a number of percentage points more than 0, like 20" : "Enter a number of times more than 1, like 3";
      ctx.addIssue({ code: "custom", path: ["maxChange"], message });
    }
  }));

export const indicatorSchema = z
  .strictObject({
    ref: optionalText(20, "Ref"),
    title: text("Enter what the indicator monitors", 500, "What it monitors"),
    ownerOrganisationId: idValue("Choose the organisation that owns it"),
    leadContact: optionalText(200, "Lead contact"),
    restricted: z._default(z.boolean(), false),
    polarity: z.enum(POLARITIES, { error: "Choose whether higher or lower is better" }),
    target: figure,
    headlineFieldKey: optionalText(50, "Headline field key"),
    periodBasis: z._default(z.enum(PERIOD_BASES, { error: "Choose the period its figures cover" }), "QUARTER"),
    periodLagMonths: z._default(
      z.coerce.number({ error: "Enter how many months behind the quarter the figures are, like 0 or 3" }).check(
        z.multipleOf(1, { error: "Enter a whole number of months" }),
        z.gte(0, { error: "Enter 0 or more months" }),
        z.lte(PERIOD_LAG_MAX_MONTHS, { error: `Enter ${PERIOD_LAG_MAX_MONTHS} months or fewer` }),
      ),
      0,
    ),
    /** Its place in the priority; a new indicator without one goes after the priority's last. */
    sortOrder: z.optional(whole("Enter the order as a number", 0)),
    retired: z._default(z.boolean(), false),
    /** Why it is being retired: required then, and kept in the audit log. */
    reason: optionalReason,
    fields: z._default(z.array(fieldSchema).check(z.maxLength(20, { error: "An indicator has at most 20 fields" })), []),
  })
  .check(z.superRefine((indicator, ctx) => {
    const keys = indicator.fields.map((field) => field.key);
    keys.forEach((key, index) => {
      if (keys.indexOf(key) !== index) ctx.addIssue({ code: "custom", path: ["fields", index, "key"], message: `Another field already has the key ${key}` });
    });
    if (indicator.headlineFieldKey && !keys.includes(indicator.headlineFieldKey)) {
      ctx.addIssue({ code: "custom", path: ["headlineFieldKey"], message: "Choose the headline from the indicator's own fields" });
    }
  }));
export type IndicatorInput = z.input<typeof indicatorSchema>;
export type IndicatorChanges = z.output<typeof indicatorSchema>;

export const frameworkFieldSchema = z.extend(fieldDeclarationSchema, {
  /** Figures it holds: such a field can be retired, not deleted or redefined. */
  values: z.int(),
});
export type FrameworkField = z.infer<typeof frameworkFieldSchema>;

export const frameworkIndicatorSchema = z.extend(indicatorDefinitionSchema, {
  sortOrder: z.int(),
  retired: z.boolean(),
  previousIndicatorId: z.nullable(z.int()),
  returns: z.int(),
  /** The quarter (1–4) it is first reported in: after the last signed-off one, when added during the year. */
  firstQuarter: z.int(),
  /** The signed-off quarters whose report shows it: while there are any, its wording, owner and fields are fixed. */
  fixedBySignedOffQuarters: z.array(z.int()),
  fields: z.array(frameworkFieldSchema),
});
export type FrameworkIndicator = z.infer<typeof frameworkIndicatorSchema>;

export const frameworkPrioritySchema = z.object({
  id: z.int(),
  number: z.int(),
  title: z.string(),
  outcome: z.string(),
  sortOrder: z.int(),
  /** The quarter (1–4) it is first reported in. */
  firstQuarter: z.int(),
  /** A signed-off quarter's report shows it: its wording is fixed while that quarter stays signed off. */
  locked: z.boolean(),
  indicators: z.array(frameworkIndicatorSchema),
});
export type FrameworkPriority = z.infer<typeof frameworkPrioritySchema>;

/** A priority as added or changed: its own columns, without the framework view's lock and indicators. */
export const savedPrioritySchema = z.object({ id: z.int(), yearId: z.int(), number: z.int(), title: z.string(), outcome: z.string(), sortOrder: z.int(), firstQuarter: z.int() });
export type SavedPriority = z.infer<typeof savedPrioritySchema>;

export const frameworkSchema = z.object({ year: yearRefSchema, priorities: z.array(frameworkPrioritySchema) });
export type Framework = z.infer<typeof frameworkSchema>;
