// What the API relies on when it encodes an answer with these schemas (fastify-type-provider-zod's
// serializer calls safeEncode, then JSON.stringify): a valid answer comes back as it was, a key the
// schema does not declare is dropped at any depth, and a missing or wrong value is refused.
import { describe, expect, it } from "vitest";
import * as shared from "./index.ts";
import {
  auditEventRecordSchema,
  reportLineSchema,
  returnDetailSchema,
  returnRecordSchema,
  returnsListSchema,
  sessionUserSchema,
  temporaryPasswordIssuedSchema,
  type AuditEventRecord,
  type IndicatorSummary,
  type QuarterSummary,
  type ReportLine,
  type ReturnDetail,
  type ReturnRecord,
  type SessionUser,
} from "./index.ts";
import { z } from "./zod.ts";

// Encoding is typed by the answer's type: these tests also hand it what that type forbids.
const encode = (schema: z.ZodMiniType, value: unknown) => z.safeEncode(schema, value as never);
const problems = (schema: z.ZodMiniType, value: unknown) => {
  const result = encode(schema, value);
  return result.success ? [] : result.error.issues.map((issue) => [...issue.path, issue.message].join(": "));
};

const maria = { id: 7, name: "Maria Lewis" };
const sessionUser: SessionUser = {
  id: 7,
  email: "maria@example.org",
  name: "Maria Lewis",
  role: "DATA_OWNER",
  organisation: { id: 2, name: "Cleveland Fire Brigade", shortName: "CFB" },
  mustChangePassword: false,
  mustEnrolSecondFactor: false,
};
const quarter: QuarterSummary = {
  id: 12,
  number: 3,
  year: { id: 3, label: "2019/20" },
  name: "Q3 2019/20",
  startDate: "2019-10-01",
  endDate: "2019-12-31",
  dueDate: "2020-01-31",
  status: "OPEN",
  signedOffAt: null,
  signedOffBy: null,
  partlyReopened: [],
};
const indicator: IndicatorSummary = {
  id: 40,
  ref: "2.1",
  title: "Deliberate fires",
  owner: { id: 2, name: "Cleveland Fire Brigade", shortName: "CFB" },
  leadContact: null,
  restricted: false,
  polarity: "LOWER_IS_BETTER",
  target: "120",
  headlineFieldKey: "fires",
  periodBasis: "QUARTER",
  periodLagMonths: 0,
  priority: { id: 5, number: 2, title: "Reduce fires" },
  fields: [
    { key: "fires", label: "Fires", kind: "COUNT", unit: null, comparesWithPreviousYear: true, required: true, softMin: null, softMax: "500", retired: false },
    { key: "rank", label: "Rank", kind: "RANK", unit: null, comparesWithPreviousYear: false, required: false, softMin: null, softMax: null, retired: false },
  ],
};
const record: ReturnRecord = {
  id: 900,
  indicatorId: 40,
  quarterId: 12,
  status: "SUBMITTED",
  noData: null,
  values: { fires: "97", rank: { position: "9", outOf: "15" } },
  previousYear: { fires: "161" },
  commentary: "A reduction.",
  periodCovered: "October to December 2019",
  ragOverride: null,
  ragOverrideReason: null,
  version: 3,
  createdAt: "2020-01-10T09:00:00.000Z",
  createdBy: maria,
  updatedAt: "2020-01-12T10:42:00.000Z",
  updatedBy: maria,
  submittedAt: "2020-01-12T10:42:00.000Z",
  submittedBy: maria,
};
const detail: ReturnDetail = {
  quarter,
  indicator,
  return: record,
  history: [
    { quarter: { id: 11, name: "Q2 2019/20" }, return: { ...record, id: 899, quarterId: 11, status: "NO_DATA", values: {}, noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-02-01", explanation: null } } },
    { quarter: { id: 10, name: "Q1 2019/20" }, return: null },
  ],
  lastYear: { fires: "161" },
  lastYearPeriod: "October to December 2018",
  changes: [{ at: "2020-01-12T10:42:00.000Z", by: maria, action: "return.submit", changes: [{ label: "Deliberate fires", before: "95", after: "97" }] }],
  queries: [
    {
      id: 1,
      returnId: 900,
      fieldKey: "fires",
      text: "Is 97 right?",
      status: "ANSWERED",
      raisedBy: { id: 3, name: "Paul Haley" },
      raisedAt: "2020-01-13T09:00:00.000Z",
      response: "Yes.",
      answeredBy: maria,
      answeredAt: "2020-01-13T11:00:00.000Z",
      closedBy: null,
      closedAt: null,
    },
  ],
  mayEdit: true,
  mayRecordNotProvided: false,
  mayQuery: false,
};
const line: ReportLine = {
  indicatorId: 40,
  ref: "2.1",
  restricted: false,
  title: "Deliberate fires",
  owner: indicator.owner,
  collation: "CFB",
  cells: ["120", "", "97 compared to 161 in Q3/2018, a reduction of 64 (-39.8%)", ""],
  trend: { arrow: "↘", tone: "good", description: "Down from 120 in Q1 2019/20" },
  rag: { rag: "GREEN", override: false, reason: null },
  chart: [120, null, 97, null],
  chartInverted: false,
  earlierYears: [{ year: "2018/19", chart: [130, 125, null, 110] }],
};
const auditEvent: AuditEventRecord = {
  id: "12345678901",
  at: "2020-01-12T10:42:00.000Z",
  actor: maria,
  action: "return.submit",
  entityType: "return",
  entityId: "900",
  quarter: { id: 12, name: "Q3 2019/20" },
  organisation: { id: 2, shortName: "CFB" },
  indicator: { id: 40, ref: "2.1", title: "Deliberate fires" },
  before: { status: "DRAFT", values: { fires: "95" } },
  after: ["anything", 1, null, { nested: true }],
  changes: [{ label: "Deliberate fires", before: null, after: "97" }],
  clientAddress: null,
};

const RESPONSE_SCHEMAS: (keyof typeof shared)[] = [
  "auditEventRecordSchema",
  "auditPageSchema",
  "progressSchema",
  "chaseItemSchema",
  "chasePreviewResponseSchema",
  "chaseRecordSchema",
  "chaseSummarySchema",
  "completenessCellSchema",
  "completenessSchema",
  "createdYearSchema",
  "fieldChangeSchema",
  "fieldDeclarationSchema",
  "fieldValueSchema",
  "followUpSchema",
  "frameworkFieldSchema",
  "frameworkIndicatorSchema",
  "frameworkPrioritySchema",
  "frameworkSchema",
  "healthSchema",
  "importSummarySchema",
  "indicatorRefSchema",
  "indicatorDefinitionSchema",
  "indicatorSummarySchema",
  "noDataSchema",
  "organisationCompletenessSchema",
  "organisationRefSchema",
  "organisationResponseSchema",
  "outstandingReturnSchema",
  "personRefSchema",
  "priorityRefSchema",
  "problemSchema",
  "quarterRefSchema",
  "quarterSummarySchema",
  "queryRecordSchema",
  "ragStatusSchema",
  "reportLineSchema",
  "reportPrioritySchema",
  "reportQuarterSchema",
  "reportSchema",
  "returnChangeSchema",
  "returnDetailSchema",
  "returnRecordSchema",
  "returnsListSchema",
  "savedPrioritySchema",
  "sessionUserSchema",
  "signOffSummarySchema",
  "temporaryPasswordIssuedSchema",
  "trendSchema",
  "userSummarySchema",
  "yearOverviewSchema",
  "yearRefSchema",
];

describe("response schemas", () => {
  it.each([
    ["a session user", sessionUserSchema, sessionUser],
    ["a return's detail, with its history, changes and queries", returnDetailSchema, detail],
    ["a returns list", returnsListSchema, { quarter, items: [{ indicator, return: record, openQueries: 1, queriesToAnswer: [{ id: 3, text: "Is 9 right?" }] }, { indicator, return: null, openQueries: 0, queriesToAnswer: [] }] }],
    ["a report line, its four cells a tuple", reportLineSchema, line],
    ["an audit event, whatever its before and after", auditEventRecordSchema, auditEvent],
  ])("give %s back as it was", (_name, schema, answer) => {
    expect(encode(schema, answer)).toEqual({ success: true, data: answer });
  });

  it("drop a key they do not declare, however deep", () => {
    expect(encode(sessionUserSchema, { ...sessionUser, passwordHash: "$argon2id$…", sessionVersion: 4 })).toEqual({ success: true, data: sessionUser });
    const { mustEnrolSecondFactor: _forTheSessionOnly, ...summaryUser } = sessionUser;
    expect(encode(temporaryPasswordIssuedSchema, { user: { ...sessionUser, active: true, lastSignInAt: null, secondFactor: false, passwordHash: "$argon2id$…" }, temporaryPassword: "x" }).data).toEqual({
      user: { ...summaryUser, active: true, lastSignInAt: null, secondFactor: false },
      temporaryPassword: "x",
    });

    const leaky = {
      ...record,
      organisationId: 2,
      updatedBy: { ...maria, email: "maria@example.org", passwordHash: "$argon2id$…" },
      values: { ...record.values, rank: { position: "9", outOf: "15", note: "inner" } },
    };
    expect(encode(returnRecordSchema, leaky)).toEqual({ success: true, data: record });
    expect(encode(returnsListSchema, { quarter, items: [{ indicator: { ...indicator, owner: { ...indicator.owner, contactEmail: "x@example.org" } }, return: null, openQueries: 0, queriesToAnswer: [] }] }).data).toEqual({
      quarter,
      items: [{ indicator, return: null, openQueries: 0, queriesToAnswer: [] }],
    });
  });

  it("refuse an answer missing a property, or with a value of the wrong kind", () => {
    const { version: _version, ...withoutVersion } = record;
    expect(problems(returnRecordSchema, withoutVersion)).toEqual(["version: This is required"]);
    // Nullable is not optional: the key must be there, null or not.
    const { organisation: _organisation, ...withoutOrganisation } = sessionUser;
    expect(problems(sessionUserSchema, withoutOrganisation)).toEqual(["organisation: This is required"]);
    expect(problems(returnRecordSchema, { ...record, status: "ARCHIVED", updatedBy: { id: "7", name: "Maria Lewis" } })).toEqual([
      'status: Expected one of "DRAFT", "SUBMITTED", "NO_DATA"',
      "updatedBy: id: Expected number",
    ]);
    expect(problems(reportLineSchema, { ...line, cells: ["", "", ""] })).toEqual(["cells: Too small: expected at least 4"]);
    expect(problems(returnRecordSchema, { ...record, version: 1.5 })).toEqual(["version: Expected int"]);
  });

  // /api/docs documents each answer through jsonSchemaTransform, which cannot describe a transform.
  it.each(RESPONSE_SCHEMAS)("%s can be documented as JSON Schema", (name) => {
    expect(() => z.toJSONSchema(shared[name] as z.ZodMiniType, { io: "output" })).not.toThrow();
  });
});
