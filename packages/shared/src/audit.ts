import { z } from "./zod.ts";
import { fieldChangeSchema } from "./field-change.ts";
import { idParam, MAX_ID } from "./http.ts";
import { indicatorRefSchema, organisationRefSchema, personRefSchema, quarterRefSchema } from "./refs.ts";
import { isRealDate } from "./returns.ts";
import { oneLine } from "./text.ts";

const id = z.optional(idParam);
/** A day in a query string, which names the parameter: the page shows only the message. */
const day = (parameter: string) =>
  z.optional(z.string().check(z.refine(isRealDate, { error: `The "${parameter}" date must be a real date, like 2020-01-31` })));

/** The audit log's filters, as query-string parameters. */
export const auditFilterSchema = z.strictObject({
  actorId: id,
  organisationId: id,
  indicatorId: id,
  quarterId: id,
  action: z.optional(z.string().check(z.maxLength(60), oneLine("The action"))),
  from: day("from"),
  to: day("to"),
  /** Sign-ins, sign-outs and password changes are left out unless shown, or chosen as the action. */
  signIns: z._default(z.enum(["hidden", "shown"], { error: 'The "signIns" filter is either hidden or shown' }), "hidden"),
  page: z._default(z.coerce.number().check(z.multipleOf(1), z.gte(1), z.lte(MAX_ID)), 1),
  pageSize: z._default(z.coerce.number().check(z.multipleOf(1), z.gte(1), z.lte(200)), 50),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditEventRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.nullable(personRefSchema),
  action: z.string(),
  entityType: z.string(),
  entityId: z.nullable(z.string()),
  quarter: z.nullable(quarterRefSchema),
  organisation: z.nullable(z.pick(organisationRefSchema, { id: true, shortName: true })),
  indicator: z.nullable(indicatorRefSchema),
  before: z.unknown(),
  after: z.unknown(),
  /** A save of a return: what it changed, field by field; null for other events. */
  changes: z.nullable(z.array(fieldChangeSchema)),
  clientAddress: z.nullable(z.string()),
});
export type AuditEventRecord = z.infer<typeof auditEventRecordSchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventRecordSchema),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
  /** The values the filters can take. */
  actions: z.array(z.string()),
  people: z.array(personRefSchema),
  indicators: z.array(indicatorRefSchema),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
