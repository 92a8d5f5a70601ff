// A data owner's list of returns carries the queries waiting for their answer, so their home can
// list them first.
import type { ReturnsList } from "@quarterly-returns/shared";
import { afterAll, beforeAll, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let q4: number;
let indicatorId: number;

beforeAll(async () => {
  test = await buildTestApp("demo");
  const prisma = test.db.prisma;
  q4 = (await prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  indicatorId = (await prisma.indicator.findFirstOrThrow({ where: { title: { startsWith: "Monitor the number of ASB repeat callers" } } })).id;
  const owner = (await prisma.user.findUniqueOrThrow({ where: { email: "cps@demo.test" } })).id;
  await prisma.return.create({
    data: { indicatorId, quarterId: q4, status: "SUBMITTED", commentary: "In", createdById: owner, updatedById: owner, submittedById: owner, submittedAt: new Date() },
  });
});
afterAll(() => test.close());

const listFor = async (email: string) => {
  const response = await as(test.app, await signIn(test.app, email)).get(`/api/returns?quarterId=${q4}`);
  expect(response.statusCode).toBe(200);
  return response.json() as ReturnsList;
};
const itemOf = (list: ReturnsList) => list.items.find((item) => item.indicator.id === indicatorId);

it("lists a query waiting for the owner's answer with its return, until they answer it", async () => {
  const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
  const first = await manager.post(`/api/returns/${indicatorId}/${q4}/queries`, { text: "Is 9 right? Q3 was 1." });
  expect(first.statusCode).toBe(201);
  await manager.post(`/api/returns/${indicatorId}/${q4}/queries`, { text: "And the commentary?" });

  const before = itemOf(await listFor("cps@demo.test"))!;
  expect(before.queriesToAnswer.map((query) => query.text)).toEqual(["Is 9 right? Q3 was 1.", "And the commentary?"]);
  expect(itemOf(await listFor("fire@demo.test"))).toBeUndefined();
  expect((await listFor("fire@demo.test")).items.every((item) => item.queriesToAnswer.length === 0)).toBe(true);

  const owner = as(test.app, await signIn(test.app, "cps@demo.test"));
  expect((await owner.post(`/api/queries/${first.json().query.id}/answer`, { response: "Yes: a new reporting system." })).statusCode).toBe(200);
  const after = itemOf(await listFor("cps@demo.test"))!;
  expect(after.queriesToAnswer.map((query) => query.text)).toEqual(["And the commentary?"]);
  expect(after.openQueries).toBe(2);
});

it("lists none on a signed-off quarter, where they cannot be answered", async () => {
  const admin = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
  await test.db.prisma.quarter.update({ where: { id: q4 }, data: { status: "CLOSED", signedOffAt: new Date(), signedOffById: admin.id } });
  const item = itemOf(await listFor("cps@demo.test"))!;
  expect(item.openQueries).toBe(2);
  expect(item.queriesToAnswer).toEqual([]);
});
