// The manager's view of a quarter: who has sent what, by when, and who has been chased.
import { z } from "./zod.ts";
import type { DeliveryStatus, NoDataReason, ReturnStatus } from "./enums.ts";
import type { OrganisationRef, PersonRef } from "./refs.ts";
import type { QuarterSummary } from "./returns.ts";

/**
 * A cell of the grid. "In": submitted, or no data with a reason that answers for the quarter.
 * "Expected": not yet available, before its date. "Outstanding": missing, a draft, or expected
 * after its date. "Not provided": closed without data by the manager or at sign-off.
 */
export type CellState = "IN" | "EXPECTED" | "OUTSTANDING" | "NOT_PROVIDED";

export interface CompletenessCell {
  indicator: { id: number; ref: string | null; title: string; priorityId: number; restricted: boolean };
  state: CellState;
  status: ReturnStatus | null;
  noDataReason: NoDataReason | null;
  availableFrom: string | null;
  /** In after the due date, or outstanding once the due date (or its own expected date) has passed. */
  late: boolean;
  openQueries: number;
}

export interface ChaseSummary {
  id: number;
  sentAt: string;
  sentBy: PersonRef;
  recipient: string;
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
}

export interface OrganisationCompleteness {
  organisation: OrganisationRef & { contactName: string | null; contactEmail: string | null };
  expected: number;
  received: number;
  /** Missing, drafts and expected returns: what a chase lists. */
  outstanding: number;
  overdue: number;
  lastChase: ChaseSummary | null;
  cells: CompletenessCell[];
}

export interface FollowUp {
  organisation: OrganisationRef;
  indicator: { id: number; ref: string | null; title: string };
  availableFrom: string;
  overdue: boolean;
}

export interface Completeness {
  quarter: QuarterSummary;
  /** The day the figures were computed for (YYYY-MM-DD, Europe/London). */
  today: string;
  expected: number;
  received: number;
  receivedOnTime: number;
  /** received ÷ expected, and received by the due date ÷ expected, as DHIS2 reports them. */
  completeness: number;
  timeliness: number;
  outstanding: number;
  overdue: number;
  priorities: { id: number; number: number; title: string }[];
  organisations: OrganisationCompleteness[];
  followUps: FollowUp[];
  /** Whether chases are emailed (SMTP_URL is set) or only recorded. */
  mailConfigured: boolean;
}

const id = z.int().check(z.positive());

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
    z.string().check(z.trim(), z.minLength(1, { error: "Enter a subject" }), z.maxLength(SUBJECT_MAX_LENGTH, { error: `Keep the subject to ${SUBJECT_MAX_LENGTH} characters` })),
  ),
  body: z.optional(
    z.string().check(z.trim(), z.minLength(1, { error: "Enter the message" }), z.maxLength(BODY_MAX_LENGTH, { error: `Keep the message to ${BODY_MAX_LENGTH} characters` })),
  ),
  /** Chase even though the organisation was chased within the last 24 hours. */
  insist: z._default(z.boolean(), false),
});
export type SendChase = z.input<typeof sendChaseSchema>;

export interface ChaseItem {
  indicatorId: number;
  ref: string | null;
  title: string;
  state: string;
}

export interface ChasePreview {
  organisation: OrganisationRef;
  recipient: string | null;
  subject: string;
  body: string;
  items: ChaseItem[];
  /** Why it would not be sent: no contact email, nothing outstanding, or chased in the last 24 hours. */
  skipped: "NO_CONTACT" | "NOTHING_OUTSTANDING" | "RECENTLY_CHASED" | null;
  lastChase: ChaseSummary | null;
}

export interface ChaseRecord extends ChaseSummary {
  quarterId: number;
  organisation: OrganisationRef;
  subject: string;
  body: string;
  items: ChaseItem[];
}
