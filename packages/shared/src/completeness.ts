// The manager's view of a quarter: who has sent what, by when, and who has been chased.
import { z } from "./zod.ts";
import { DELIVERY_STATUSES, NO_DATA_REASONS, QUARTER_STATUSES, RETURN_STATUSES } from "./enums.ts";
import { idValue } from "./http.ts";
import { organisationResponseSchema } from "./organisations.ts";
import { confirmedOutlierSummarySchema } from "./outliers.ts";
import { progressSchema } from "./progress.ts";
import { indicatorRefSchema, organisationRefSchema, personRefSchema, priorityRefSchema } from "./refs.ts";
import { quarterSummarySchema } from "./returns.ts";
import { multiLine, oneLine } from "./text.ts";

/** A cell of the grid: one indicator's return, where it stands (see progress.ts). */
export const completenessCellSchema = z.object({
  indicator: z.extend(indicatorRefSchema, { priorityId: z.int(), restricted: z.boolean() }),
  /** The line's short name: its ref, or on a line the report leaves without one, the ref above and the line's number ("1.1 (2)"). */
  label: z.string(),
  progress: progressSchema,
  status: z.nullable(z.enum(RETURN_STATUSES)),
  noDataReason: z.nullable(z.enum(NO_DATA_REASONS)),
  openQueries: z.int(),
  /** Unusual figures the owner confirmed on the submitted return. */
  confirmedOutliers: z.int(),
});
export type CompletenessCell = z.infer<typeof completenessCellSchema>;

export const chaseSummarySchema = z.object({
  id: z.int(),
  sentAt: z.string(),
  /** null: sent automatically, on the quarter's reminder schedule. */
  sentBy: z.nullable(personRefSchema),
  /** Whom it went to, comma-separated. */
  recipient: z.string(),
  /** The organisation's lead contact, copied in when returns were overdue. */
  copyTo: z.nullable(z.string()),
  deliveryStatus: z.enum(DELIVERY_STATUSES),
  deliveryError: z.nullable(z.string()),
  /** How many times the e-mail was tried: an automatic reminder that failed is tried again. */
  attempts: z.int(),
});
export type ChaseSummary = z.infer<typeof chaseSummarySchema>;

export const organisationCompletenessSchema = z.object({
  organisation: organisationResponseSchema,
  /** The names of the organisation's active data owners (their contact stands in when it has none). */
  dataOwners: z.array(z.string()),
  expected: z.int(),
  received: z.int(),
  /** Missing, drafts and expected returns: what a chase lists. */
  outstanding: z.int(),
  overdue: z.int(),
  lastChase: z.nullable(chaseSummarySchema),
  cells: z.array(completenessCellSchema),
});
export type OrganisationCompleteness = z.infer<typeof organisationCompletenessSchema>;

export const followUpSchema = z.object({
  organisation: organisationRefSchema,
  indicator: indicatorRefSchema,
  availableFrom: z.string(),
  overdue: z.boolean(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** One quarter of the year's reporting rate, as DHIS2 charts it: returns in ÷ returns expected. */
export const reportingRateSchema = z.object({
  quarter: z.object({ id: z.int(), number: z.int(), name: z.string(), status: z.enum(QUARTER_STATUSES) }),
  expected: z.int(),
  received: z.int(),
  receivedOnTime: z.int(),
  /** received ÷ expected; 0 when nothing is expected. */
  rate: z.number(),
});
export type ReportingRate = z.infer<typeof reportingRateSchema>;

export const completenessSchema = z.object({
  quarter: quarterSummarySchema,
  /** The day the figures were computed for (YYYY-MM-DD, Europe/London). */
  today: z.string(),
  expected: z.int(),
  received: z.int(),
  receivedOnTime: z.int(),
  /** received ÷ expected, and received by the due date ÷ expected, as DHIS2 reports them. */
  completeness: z.number(),
  timeliness: z.number(),
  outstanding: z.int(),
  overdue: z.int(),
  priorities: z.array(priorityRefSchema),
  organisations: z.array(organisationCompletenessSchema),
  followUps: z.array(followUpSchema),
  /** Implausible figures their owners confirmed, for the manager to query. */
  outliers: z.array(confirmedOutlierSummarySchema),
  /** The reporting rate of each quarter of the year, from Q1 to this one. */
  reportingRates: z.array(reportingRateSchema),
  /** Whether chases are emailed (SMTP_URL is set) or only recorded. */
  mailConfigured: z.boolean(),
});
export type Completeness = z.infer<typeof completenessSchema>;

const id = idValue();

export const chasePreviewSchema = z.strictObject({
  quarterId: id,
  /** One organisation, or every one with overdue (or any outstanding) returns. */
  organisationId: z.optional(id),
  scope: z.optional(z.enum(["overdue", "outstanding"])),
});
export type ChasePreviewRequest = z.input<typeof chasePreviewSchema>;

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 10_000;

export const sendChaseSchema = z.strictObject({
  quarterId: id,
  organisationId: id,
  subject: z.optional(
    z.string().check(
      z.trim(),
      z.minLength(1, { error: "Enter a subject" }),
      z.maxLength(SUBJECT_MAX_LENGTH, { error: `Keep the subject to ${SUBJECT_MAX_LENGTH} characters` }),
      oneLine("The subject"),
    ),
  ),
  body: z.optional(
    z.string().check(
      z.trim(),
      z.minLength(1, { error: "Enter the message" }),
      z.maxLength(BODY_MAX_LENGTH, { error: `Keep the message to ${BODY_MAX_LENGTH} characters` }),
      multiLine("The message"),
    ),
  ),
  /** Chase even though the organisation was chased within the last 24 hours. */
  insist: z._default(z.boolean(), false),
});
export type SendChase = z.input<typeof sendChaseSchema>;

export const chaseItemSchema = z.object({ indicatorId: z.int(), ref: z.nullable(z.string()), title: z.string(), state: z.string() });
export type ChaseItem = z.infer<typeof chaseItemSchema>;

// Named apart from chasePreviewSchema above: that is the request's body (ChasePreviewRequest).
export const chasePreviewResponseSchema = z.object({
  organisation: organisationRefSchema,
  recipient: z.nullable(z.string()),
  subject: z.string(),
  body: z.string(),
  items: z.array(chaseItemSchema),
  /** The organisation's lead contact, copied in when its returns are overdue. */
  copyTo: z.nullable(z.string()),
  /** Why it would not be sent: no contact email, nothing outstanding, or chased in the last 24 hours. */
  skipped: z.nullable(z.enum(["NO_CONTACT", "NOTHING_OUTSTANDING", "RECENTLY_CHASED"])),
  lastChase: z.nullable(chaseSummarySchema),
});
export type ChasePreview = z.infer<typeof chasePreviewResponseSchema>;

export const chaseRecordSchema = z.extend(chaseSummarySchema, {
  quarterId: z.int(),
  organisation: organisationRefSchema,
  subject: z.string(),
  body: z.string(),
  items: z.array(chaseItemSchema),
});
export type ChaseRecord = z.infer<typeof chaseRecordSchema>;
