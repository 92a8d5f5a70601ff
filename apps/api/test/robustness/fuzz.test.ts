// Malformed bodies, paths and query strings against every write endpoint: never a server fault,
// and nothing written (refusals are audited, by design, so the audit log is left out).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, fingerprint, signIn, type TestApp } from "../helper.ts";

const RUNS = 2000;

let test: TestApp;
let admin: string;
let owner: string;
beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = await signIn(test.app, "admin@demo.test");
  owner = await signIn(test.app, "crc@demo.test");
});
afterAll(() => test.close());

const ENDPOINTS: { method: "POST" | "PUT" | "PATCH" | "DELETE"; path: (id: string, other: string) => string }[] = [
  { method: "PUT", path: (id, other) => `/api/returns/${id}/${other}` },
  { method: "POST", path: (id, other) => `/api/returns/${id}/${other}/queries` },
  { method: "POST", path: (id) => `/api/queries/${id}/answer` },
  { method: "POST", path: (id) => `/api/queries/${id}/close` },
  { method: "POST", path: () => "/api/chases" },
  { method: "POST", path: () => "/api/chases/preview" },
  { method: "POST", path: () => "/api/users" },
  { method: "PATCH", path: (id) => `/api/users/${id}` },
  { method: "POST", path: (id) => `/api/users/${id}/reset-password` },
  { method: "POST", path: () => "/api/organisations" },
  { method: "PUT", path: (id) => `/api/organisations/${id}` },
  { method: "PATCH", path: (id) => `/api/quarters/${id}` },
  { method: "POST", path: (id) => `/api/quarters/${id}/close` },
  { method: "POST", path: (id) => `/api/quarters/${id}/reopen` },
  { method: "POST", path: () => "/api/years" },
  { method: "POST", path: (id) => `/api/years/${id}/priorities` },
  { method: "PUT", path: (id) => `/api/priorities/${id}` },
  { method: "DELETE", path: (id) => `/api/priorities/${id}` },
  { method: "POST", path: (id) => `/api/priorities/${id}/indicators` },
  { method: "PUT", path: (id) => `/api/indicators/${id}` },
  { method: "DELETE", path: (id) => `/api/indicators/${id}` },
  { method: "POST", path: () => "/api/reports/import" },
  { method: "POST", path: () => "/api/auth/password" },
  { method: "POST", path: () => "/api/auth/login" },
];

// Ids that are wrong in every way a path can be wrong; real ids are left out, so no request can
// delete or change something that exists by accident.
const badId = fc.oneof(
  fc.constantFrom("0", "-1", "99999999", "1e3", "1.5", "abc", "%00", "..%2F..", "NaN", "9".repeat(40), "", "' OR 1=1 --"),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

/** Bodies that are not what any endpoint accepts: wrong types, unknown keys, junk. */
const badBody = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.record({
    version: fc.oneof(fc.string(), fc.double(), fc.constant(-1), fc.constant(null)),
    status: fc.oneof(fc.string(), fc.integer()),
    values: fc.anything({ maxDepth: 2 }),
    noData: fc.anything({ maxDepth: 2 }),
    text: fc.oneof(fc.integer(), fc.constant(""), fc.string({ maxLength: 3 }).map((text) => text.replace(/\S/g, " "))),
    password: fc.oneof(fc.integer(), fc.constant("")),
    email: fc.oneof(fc.integer(), fc.string({ maxLength: 20 })),
  }, { requiredKeys: [] }),
);
const rawBody = fc.oneof(
  badBody.map((body) => ({ payload: JSON.stringify(body) ?? "null", type: "application/json" })),
  fc.string({ maxLength: 200 }).map((text) => ({ payload: text, type: "application/json" })),
  fc.string({ maxLength: 50 }).map((text) => ({ payload: text, type: "text/plain" })),
  fc.constant({ payload: "a=1&b=2", type: "application/x-www-form-urlencoded" }),
);
const query = fc.oneof(fc.constant(""), fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map((entries) => `?${new URLSearchParams(entries)}`));

describe("fuzzing every write endpoint", () => {
  it(`answers ${RUNS} malformed requests without a server fault, and writes nothing`, async () => {
    const tables = (digest: string) => digest.replace(/audit_events:\S+/, "");
    const before = tables(await fingerprint(test.db));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        badId,
        badId,
        rawBody,
        query,
        fc.constantFrom(admin, owner, ""),
        async (endpoint, id, other, body, search, cookie) => {
          const response = await test.app.inject({
            method: endpoint.method,
            url: `${endpoint.path(id, other)}${search}`,
            headers: { "content-type": body.type, ...(cookie ? { cookie } : {}) },
            payload: body.payload,
          });
          expect(response.statusCode, `${endpoint.method} ${endpoint.path(id, other)}${search} ${body.payload.slice(0, 80)}`).toBeLessThan(500);
          expect(response.json()).toHaveProperty("message");
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
    );
    expect(tables(await fingerprint(test.db))).toBe(before);
  }, 120_000);
});
