import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, sessionCookie, signIn, someAddress, type TestApp } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let yotId: number;
beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  yotId = (await test.db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "YOT" } })).id;
});
afterAll(() => test.close());

const login = (email: string, password: string) =>
  test.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: someAddress() });
const auditActions = async () => (await test.db.prisma.auditEvent.findMany({ orderBy: { id: "asc" } })).map((event) => event.action);

describe("users admin", () => {
  it("lists every user with role and organisation", async () => {
    const response = await admin.get("/api/users");
    expect(response.statusCode).toBe(200);
    expect(response.json().users).toHaveLength(10);
    expect(response.json().users).toContainEqual(
      expect.objectContaining({ email: "yot@demo.test", role: "DATA_OWNER", active: true, organisation: expect.objectContaining({ shortName: "YOT" }) }),
    );
  });

  it("creates a user with a temporary password they must replace at first sign-in", async () => {
    const created = await admin.post("/api/users", { name: "Priya Shah", email: " Priya.Shah@Stockton.gov.uk ", role: "DATA_OWNER", organisationId: yotId });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json();
    expect(user).toMatchObject({ email: "priya.shah@stockton.gov.uk", mustChangePassword: true, organisation: { shortName: "YOT" } });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const signedIn = await login("priya.shah@stockton.gov.uk", temporaryPassword);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    const priya = as(test.app, sessionCookie(signedIn));
    const blocked = await priya.get("/api/quarters");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toEqual({ message: "Choose a new password before you continue.", code: "PASSWORD_CHANGE_REQUIRED" });

    const changed = await priya.post("/api/auth/password", { currentPassword: temporaryPassword, newPassword: "my own passphrase", confirmPassword: "my own passphrase" });
    expect(changed.statusCode).toBe(200);
    expect((await as(test.app, sessionCookie(changed)).get("/api/quarters")).statusCode).toBe(200);
    expect(await auditActions()).toEqual(expect.arrayContaining(["user.create", "auth.login", "auth.password-change"]));
  });

  it("names what is wrong with a new user", async () => {
    const ownerWithoutOrganisation = await admin.post("/api/users", { name: "A", email: "a@demo.test", role: "DATA_OWNER" });
    expect(ownerWithoutOrganisation.statusCode).toBe(400);
    expect(ownerWithoutOrganisation.json().fields).toEqual({ organisationId: "Choose the organisation whose figures they submit" });

    const duplicate = await admin.post("/api/users", { name: "Again", email: "YOT@demo.test", role: "MANAGER" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().fields).toEqual({ email: "There is already a user with this email address" });

    const unknownOrganisation = await admin.post("/api/users", { name: "B", email: "b@demo.test", role: "DATA_OWNER", organisationId: 9999 });
    expect(unknownOrganisation.json().fields).toEqual({ organisationId: "Choose an organisation from the list" });
  });

  it("changes a role, deactivates (ending sessions at once) and reactivates", async () => {
    const police = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "police@demo.test" } });
    const policeSession = as(test.app, await signIn(test.app, "police@demo.test"));

    const promoted = await admin.patch(`/api/users/${police.id}`, { role: "MANAGER" });
    expect(promoted.json().user).toMatchObject({ role: "MANAGER", organisation: null });
    expect((await policeSession.get("/api/me")).json().user.role).toBe("MANAGER");

    const withoutReason = await admin.patch(`/api/users/${police.id}`, { active: false, reason: "  " });
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json()).toEqual({ message: "Say why the account is being deactivated", fields: { reason: "Say why the account is being deactivated" } });
    expect((await policeSession.get("/api/me")).statusCode).toBe(200);

    const deactivated = await admin.patch(`/api/users/${police.id}`, { active: false, reason: "Left Cleveland Police in November" });
    expect(deactivated.json().user.active).toBe(false);
    const audited = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.deactivate", entityId: String(police.id) } });
    expect(audited.after).toMatchObject({ active: false, reason: "Left Cleveland Police in November" });
    expect((await policeSession.get("/api/me")).statusCode).toBe(401);
    expect((await login("police@demo.test", "demo1234")).json().message).toBe(
      "This account has been deactivated. Ask your administrator to reactivate it.",
    );

    await admin.patch(`/api/users/${police.id}`, { active: true });
    expect((await login("police@demo.test", "demo1234")).statusCode).toBe(200);
    expect(await auditActions()).toEqual(expect.arrayContaining(["user.update", "user.deactivate", "user.reactivate"]));
  });

  it("resets a password: the old one and every session stop working", async () => {
    const fire = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "fire@demo.test" } });
    const session = as(test.app, await signIn(test.app, "fire@demo.test"));
    const reset = await admin.post(`/api/users/${fire.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect((await session.get("/api/me")).statusCode).toBe(401);
    expect((await login("fire@demo.test", "demo1234")).statusCode).toBe(401);
    expect((await login("fire@demo.test", reset.json().temporaryPassword)).json().user.mustChangePassword).toBe(true);
  });

  it("never leaves the partnership without an active admin", async () => {
    const adminUser = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
    expect((await admin.patch(`/api/users/${adminUser.id}`, { active: false, reason: "Testing" })).json().message).toBe("You cannot deactivate your own account.");
    const demoted = await admin.patch(`/api/users/${adminUser.id}`, { role: "MANAGER" });
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json().message).toBe("There must always be at least one active admin.");
  });
});

describe("organisations admin", () => {
  it("creates and edits an organisation and its contact, refusing duplicate names", async () => {
    const created = await admin.post("/api/organisations", { name: "Stockton Probation Service", shortName: "NPS", contactName: "Kim Lee", contactEmail: "kim.lee@example.org" });
    expect(created.statusCode).toBe(201);
    const { id } = created.json().organisation;
    const edited = await as(test.app, await signIn(test.app, "admin@demo.test")).put(`/api/organisations/${id}`, {
      name: "National Probation Service (Stockton)", shortName: "NPS", contactName: "", contactEmail: "",
    });
    expect(edited.json().organisation).toEqual({ id, name: "National Probation Service (Stockton)", shortName: "NPS", contactName: null, contactEmail: null });

    const duplicate = await admin.post("/api/organisations", { name: "Another", shortName: "YOT" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().fields).toEqual({ shortName: "Another organisation has this short name" });
    const events = await test.db.prisma.auditEvent.findMany({ where: { entityType: "organisation", entityId: String(id) } });
    expect(events.map((event) => event.action)).toEqual(["organisation.create", "organisation.update"]);
    expect(events[1]!.before).toMatchObject({ contactName: "Kim Lee" });
  });
});
