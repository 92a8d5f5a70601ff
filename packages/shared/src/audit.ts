import { z } from "./zod.ts";
import type { PersonRef } from "./refs.ts";

const id = z.optional(z.coerce.number().check(z.multipleOf(1), z.positive()));
const day = z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date like 2020-01-31" })));

/** The audit log's filters, as query-string parameters. */
export const auditFilterSchema = z.strictObject({
  actorId: id,
  organisationId: id,
  indicatorId: id,
  quarterId: id,
  action: z.optional(z.string().check(z.maxLength(60))),
  from: day,
  to: day,
  page: z._default(z.coerce.number().check(z.multipleOf(1), z.gte(1)), 1),
  pageSize: z._default(z.coerce.number().check(z.multipleOf(1), z.gte(1), z.lte(200)), 50),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export interface AuditEventRecord {
  id: string;
  at: string;
  actor: PersonRef | null;
  action: string;
  entityType: string;
  entityId: string | null;
  quarter: { id: number; name: string } | null;
  organisation: { id: number; shortName: string } | null;
  indicator: { id: number; ref: string | null; title: string } | null;
  before: unknown;
  after: unknown;
  clientAddress: string | null;
}

export interface AuditPage {
  events: AuditEventRecord[];
  total: number;
  page: number;
  pageSize: number;
  /** The values the filters can take. */
  actions: string[];
  people: PersonRef[];
  indicators: { id: number; ref: string | null; title: string }[];
}
