// The quarterly return of one indicator: what PUT /api/returns/:indicatorId/:quarterId accepts,
// checked against the indicator's own field declarations, the same way in the browser and the API.
import { expectedDateProblem } from "./dates.ts";
import { z } from "./zod.ts";
import { NO_DATA_REASONS, PERIOD_BASES, POLARITIES, QUARTER_STATUSES, RAGS, RETURN_STATUSES, type ReturnStatus } from "./enums.ts";
import { kindOf, type StoredValue } from "./field-kinds/index.ts";
import { fieldChangeSchema } from "./field-change.ts";
import { formatFigure } from "./figures.ts";
import { fieldDeclarationSchema, fieldValueSchema, type FieldDeclaration } from "./fields.ts";
import { hardLimitProblem, plausibilityQuestion, type ConfirmedOutlier, type ReturnComparisons } from "./plausibility.ts";
import { queryRecordSchema } from "./queries.ts";
import { reopeningSchema } from "./reopening.ts";
import { organisationRefSchema, personRefSchema, priorityRefSchema, quarterRefSchema, yearRefSchema } from "./refs.ts";
import { PERIOD_COVERED_MAX_LENGTH } from "./period.ts";
import { textProblem } from "./text.ts";

export const COMMENTARY_MAX_LENGTH = 3000;
export const EXPLANATION_MAX_LENGTH = 1000;

export const noDataSchema = z.object({
  reason: z.enum(NO_DATA_REASONS),
  /** YYYY-MM-DD, for NOT_YET_AVAILABLE. */
  availableFrom: z.nullable(z.string()),
  explanation: z.nullable(z.string()),
});
export type NoData = z.infer<typeof noDataSchema>;

export const returnRecordSchema = z.object({
  id: z.int(),
  indicatorId: z.int(),
  quarterId: z.int(),
  status: z.enum(RETURN_STATUSES),
  noData: z.nullable(noDataSchema),
  values: z.record(z.string(), fieldValueSchema),
  previousYear: z.record(z.string(), z.string()),
  commentary: z.nullable(z.string()),
  /** The period the figures cover ("12 months to June 2019"); null when there are no figures. */
  periodCovered: z.nullable(z.string()),
  /** A RAG set by hand over the computed one, with its reason. */
  ragOverride: z.nullable(z.enum(RAGS)),
  ragOverrideReason: z.nullable(z.string()),
  version: z.int(),
  createdAt: z.string(),
  createdBy: personRefSchema,
  updatedAt: z.string(),
  updatedBy: personRefSchema,
  submittedAt: z.nullable(z.string()),
  submittedBy: z.nullable(personRefSchema),
  /** The implausible figures its owner confirmed when submitting, with the question each answered. */
  confirmedOutliers: z.optional(z.array(z.object({ fieldKey: z.string(), figure: z.string(), question: z.string() }))),
});
export type ReturnRecord = z.infer<typeof returnRecordSchema>;

/** What an indicator is, wherever it is shown. */
export const indicatorDefinitionSchema = z.object({
  id: z.int(),
  ref: z.nullable(z.string()),
  title: z.string(),
  owner: organisationRefSchema,
  leadContact: z.nullable(z.string()),
  restricted: z.boolean(),
  polarity: z.enum(POLARITIES),
  target: z.nullable(z.string()),
  headlineFieldKey: z.nullable(z.string()),
  /** The period its figures cover, and how many months behind the quarter they usually are. */
  periodBasis: z.enum(PERIOD_BASES),
  periodLagMonths: z.int(),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;

export const indicatorSummarySchema = z.extend(indicatorDefinitionSchema, { priority: priorityRefSchema, fields: z.array(fieldDeclarationSchema) });
export type IndicatorSummary = z.infer<typeof indicatorSummarySchema>;

export const quarterSummarySchema = z.object({
  id: z.int(),
  number: z.int(),
  year: yearRefSchema,
  /** "Q4 2019/20" */
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  dueDate: z.string(),
  status: z.enum(QUARTER_STATUSES),
  signedOffAt: z.nullable(z.string()),
  signedOffBy: z.nullable(personRefSchema),
  /** Parts of a signed-off quarter reopened and not yet signed off again: their returns can be changed. */
  partlyReopened: z.array(reopeningSchema),
});
export type QuarterSummary = z.infer<typeof quarterSummarySchema>;

export const returnsListSchema = z.object({
  quarter: quarterSummarySchema,
  /** openQueries: queries on the return not yet closed; queriesToAnswer: those waiting for the owner's answer, oldest first. */
  items: z.array(
    z.object({
      indicator: indicatorSummarySchema,
      return: z.nullable(returnRecordSchema),
      openQueries: z.int(),
      queriesToAnswer: z.array(z.object({ id: z.int(), text: z.string() })),
    }),
  ),
});
export type ReturnsList = z.infer<typeof returnsListSchema>;

const rawFigure = z.nullable(z.union([z.string().check(z.maxLength(40, { error: "is too long" })), z.number()]));
const rawValue = z.union([rawFigure, z.strictObject({ position: rawFigure, outOf: rawFigure })]);

/** A YYYY-MM-DD date that exists (no 30 February). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const baseBody = z.strictObject({
  version: z.int({ error: "version is required" }).check(z.gte(0, { error: "version cannot be negative" })),
  status: z.enum(RETURN_STATUSES, { error: "status must be DRAFT, SUBMITTED or NO_DATA" }),
  values: z._default(z.record(z.string(), rawValue), {}),
  previousYear: z._default(z.record(z.string(), rawFigure), {}),
  // Lengths and dates are checked with the figures below, so every problem is reported at once.
  commentary: z.nullish(z.string()),
  /** The fields whose implausible figures the owner confirms are right. */
  confirmed: z._default(z.array(z.string().check(z.maxLength(50, { error: "is too long" }))).check(z.maxLength(100, { error: "names too many fields" })), []),
  /** Empty or absent: the default from the indicator's period basis and lag. */
  periodCovered: z.nullish(z.string()),
  noData: z.nullish(
    z.strictObject({
      reason: z.enum(NO_DATA_REASONS, { error: "Choose why there is no data" }),
      availableFrom: z.nullish(z.string()),
      explanation: z.nullish(z.string()),
    }),
  ),
});

export interface SaveReturn {
  version: number;
  status: ReturnStatus;
  values: Record<string, StoredValue>;
  previousYear: Record<string, string>;
  commentary: string | null;
  /** As the owner wrote it; null for the indicator's default. */
  periodCovered: string | null;
  noData: NoData | null;
  /** The implausible figures of a submission, each confirmed. */
  outliers: ConfirmedOutlier[];
}

export type SaveReturnInput = z.input<typeof baseBody>;

/** What the day the figures are expected is checked against: the quarter's last day, and today (YYYY-MM-DD). */
export interface SaveDates {
  quarterEndDate: string;
  today: string;
}

/**
 * The body of a save, checked against the indicator's fields: unknown fields, wrong kinds,
 * impossible figures (a negative count, 120 %, a rank beyond its "out of", a figure beyond the
 * field's hard limits, a date that does not exist, or is not after the quarter or too far ahead)
 * and oversized text are refused, each with the path of the field it is about. A return with no
 * data carries no figures and no commentary: only its reason, with the date or the explanation
 * the reason needs. Given what to compare with, a submission's implausible figures must be
 * confirmed (plausibility.ts); an import, recording figures already published, gives none.
 */
export function saveReturnSchema(fields: FieldDeclaration[], dates: SaveDates, comparisons?: ReturnComparisons) {
  const byKey = new Map(fields.filter((field) => !field.retired).map((field) => [field.key, field]));

  return z.pipe(baseBody, z.transform((body: z.output<typeof baseBody>, payload): SaveReturn => {
    const troubled = new Set<string>();
    const problem = (path: (string | number)[], message: string) => {
      troubled.add(path.slice(0, 2).join("."));
      payload.issues.push({ code: "custom", path, message, input: body });
    };
    const values: SaveReturn["values"] = {};
    for (const [key, raw] of Object.entries(body.values)) {
      const field = byKey.get(key);
      if (!field) {
        problem(["values", key], `There is no field "${key}" on this indicator`);
        continue;
      }
      const value = kindOf(field).read(field, raw, (message, part) => problem(["values", key, ...(part ? [part] : [])], message));
      const beyond = value && "number" in value && hardLimitProblem(field, value.number);
      if (beyond) problem(["values", key], beyond);
      else if (value) values[key] = value;
    }

    const previousYear: Record<string, string> = {};
    for (const [key, raw] of Object.entries(body.previousYear)) {
      const field = byKey.get(key);
      if (!field?.comparesWithPreviousYear) {
        problem(["previousYear", key], `"${key}" is not compared with last year`);
        continue;
      }
      if (raw === null || raw === "") continue;
      const label = `Last year's ${field.label.toLowerCase()}`;
      const figure = kindOf(field).readFigure(field, raw, (message) => problem(["previousYear", key], message), label);
      const beyond = figure !== undefined && hardLimitProblem(field, figure, label);
      if (beyond) problem(["previousYear", key], beyond);
      else if (figure !== undefined) previousYear[key] = figure;
    }

    const commentary = body.commentary?.trim() || null;
    if (commentary && commentary.length > COMMENTARY_MAX_LENGTH) {
      problem(["commentary"], `Commentary must be ${formatFigure(String(COMMENTARY_MAX_LENGTH))} characters or fewer`);
    }
    const commentaryProblem = commentary && textProblem(commentary, "Commentary", "multi-line");
    if (commentaryProblem) problem(["commentary"], commentaryProblem);
    const periodCovered = body.periodCovered?.trim() || null;
    if (periodCovered && periodCovered.length > PERIOD_COVERED_MAX_LENGTH) {
      problem(["periodCovered"], `The period the figures cover must be ${PERIOD_COVERED_MAX_LENGTH} characters or fewer`);
    }
    const periodProblem = periodCovered && textProblem(periodCovered, "The period the figures cover", "one-line");
    if (periodProblem) problem(["periodCovered"], periodProblem);
    const noData = body.noData
      ? { reason: body.noData.reason, availableFrom: body.noData.availableFrom || null, explanation: body.noData.explanation?.trim() || null }
      : null;
    if (noData?.availableFrom) {
      const dateProblem = isRealDate(noData.availableFrom) ? expectedDateProblem(noData.availableFrom, dates.quarterEndDate, dates.today) : "Enter a real date";
      if (dateProblem) problem(["noData", "availableFrom"], dateProblem);
    }
    if (noData?.explanation && noData.explanation.length > EXPLANATION_MAX_LENGTH) {
      problem(["noData", "explanation"], `The explanation must be ${formatFigure(String(EXPLANATION_MAX_LENGTH))} characters or fewer`);
    }
    const explanationProblem = noData?.explanation && textProblem(noData.explanation, "The explanation", "multi-line");
    if (explanationProblem) problem(["noData", "explanation"], explanationProblem);

    if (body.status === "NO_DATA") {
      if (!noData) problem(["noData", "reason"], "Choose why there is no data this quarter");
      if (noData?.reason === "NOT_YET_AVAILABLE" && !noData.availableFrom) {
        problem(["noData", "availableFrom"], "Enter the date the data is expected");
      }
      if (noData?.reason === "NOT_RELEASED" && !noData.explanation) {
        problem(["noData", "explanation"], "Explain why the data cannot be released");
      }
      // What the form hides is never sent: a figure or a commentary here would be published under "no data".
      if (Object.keys(values).length > 0 || Object.keys(previousYear).length > 0) {
        problem(["values"], "A return with no data cannot have figures. Remove them, or report the figures instead of no data");
      }
      if (commentary) problem(["commentary"], "A return with no data cannot have a commentary. Remove it, or report the figures instead of no data");
      if (noData && noData.reason !== "NOT_YET_AVAILABLE" && noData.availableFrom) {
        problem(["noData", "availableFrom"], "Only figures that are not available yet have a date they are expected");
      }
    } else if (noData) {
      problem(["noData"], "Only a return with no data has a reason for it");
    }

    if (body.status === "SUBMITTED") {
      // Only where the figure has no problem of its own already.
      for (const field of byKey.values()) {
        const missing = (part: string) => !troubled.has(`${part}.${field.key}`);
        if (field.required && !values[field.key] && missing("values")) problem(["values", field.key], `Enter ${describeField(field)}`);
        if (field.comparesWithPreviousYear && values[field.key] && !previousYear[field.key] && missing("previousYear")) {
          problem(["previousYear", field.key], `Enter last year's figure for ${describeField(field)}`);
        }
      }
      if (Object.keys(values).length === 0 && !commentary && troubled.size === 0) {
        problem(["commentary"], byKey.size ? "Enter the figures or a commentary" : "Enter the update for this quarter");
      }
    }

    for (const key of body.confirmed) if (!byKey.has(key)) problem(["confirmed"], `There is no field "${key}" on this indicator`);
    const outliers: ConfirmedOutlier[] = [];
    if (body.status === "SUBMITTED" && comparisons) {
      for (const [key, value] of Object.entries(values)) {
        if (!("number" in value)) continue;
        const field = byKey.get(key)!;
        const previousQuarter = comparisons.previousQuarter?.values[key];
        const question = plausibilityQuestion(field, value.number, {
          previousQuarter: previousQuarter === undefined ? null : { name: comparisons.previousQuarter!.name, figure: previousQuarter },
          lastYear: comparisons.lastYear?.[key] ?? previousYear[key] ?? null,
        });
        if (!question) continue;
        if (body.confirmed.includes(key)) outliers.push({ fieldKey: key, figure: value.number, question });
        else problem(["confirmed", key], `${field.label}: ${question} Correct it, or confirm that it is right`);
      }
    }

    return {
      version: body.version,
      status: body.status,
      values,
      previousYear,
      commentary,
      periodCovered,
      noData: body.status === "NO_DATA" ? noData : null,
      outliers,
    };
  }));
}

/** The label in a sentence: "Enter positive completions", but "Enter ASB repeat callers". */
function describeField(field: FieldDeclaration) {
  const label = field.label;
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** One save in a return's history: "Submitted", by whom, when, and what it changed field by field. */
export const returnChangeSchema = z.object({ at: z.string(), by: z.nullable(personRefSchema), action: z.string(), changes: z.array(fieldChangeSchema) });
export type ReturnChange = z.infer<typeof returnChangeSchema>;

/** GET /api/returns/:indicatorId/:quarterId: the return with what the form shows beside it. */
export const returnDetailSchema = z.object({
  quarter: quarterSummarySchema,
  indicator: indicatorSummarySchema,
  return: z.nullable(returnRecordSchema),
  /** The four quarters before this one, oldest first, through the indicator's lineage. */
  history: z.array(z.object({ quarter: quarterRefSchema, return: z.nullable(returnRecordSchema) })),
  /** Last year's figures for the same quarter, from the lineage's return; null when there is none. */
  lastYear: z.nullable(z.record(z.string(), z.string())),
  /** The period last year's figures covered, from the same return; null when unknown. */
  lastYearPeriod: z.nullable(z.string()),
  changes: z.array(returnChangeSchema),
  queries: z.array(queryRecordSchema),
  /** The caller may enter this return's figures now. */
  mayEdit: z.boolean(),
  /** The caller may record "No data provided" (a manager, for an outstanding return). */
  mayRecordNotProvided: z.boolean(),
  /** The caller may query the return's figures (a manager, once it is submitted) and close queries. */
  mayQuery: z.boolean(),
});
export type ReturnDetail = z.infer<typeof returnDetailSchema>;
