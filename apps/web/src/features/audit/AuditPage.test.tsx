// @vitest-environment happy-dom
import type { AuditEventRecord, AuditPage as Page } from "@quarterly-returns/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { AuditPage } from "./AuditPage.tsx";

const OWNER = { id: 7, name: "Paul Haley" };
/** A time on a day, in this machine's time zone: what the page shows. */
const at = (hours: number, minutes: number, seconds: number) => new Date(2026, 10, 20, hours, minutes, seconds).toISOString();

const refusal = (id: string, after: Record<string, unknown>): AuditEventRecord => ({
  id, at: at(10, 42, 58), actor: OWNER, action: "access.refused", entityType: "request", entityId: null,
  quarter: null, organisation: null, indicator: null, before: null, after, changes: null, clientAddress: "10.0.0.1",
});

const slowedSignIn: AuditEventRecord = {
  id: "3", at: at(10, 43, 0), actor: null, action: "auth.login-throttled", entityType: "user", entityId: null,
  quarter: null, organisation: null, indicator: null, before: null,
  after: { email: "admin@demo.test", network: "203.0.113.9", failures: 6, waitSeconds: 15 }, changes: null, clientAddress: "203.0.113.9",
};

const changedFigure: AuditEventRecord = {
  id: "4", at: at(10, 44, 0), actor: OWNER, action: "return.submit", entityType: "return", entityId: "900",
  quarter: { id: 4, name: "Q4 2019/20" }, organisation: { id: 2, shortName: "CRC" }, indicator: { id: 9, ref: "1.2", title: "% of positive completions" },
  before: { status: "SUBMITTED", values: { positiveCompletions: "72.6" } }, after: { status: "SUBMITTED", values: { positiveCompletions: "73.1" } },
  changes: [{ label: "Positive completions", before: "72.6%", after: "73.1%" }, { label: "Commentary", before: null, after: "Two late completions counted" }],
  clientAddress: "10.0.0.1",
};

const page: Page = {
  events: [
    changedFigure,
    slowedSignIn,
    refusal("2", { status: 403, reason: "You do not have permission to do this.", repeated: 199, from: at(10, 42, 1), to: at(10, 42, 58), requests: ["GET /api/users"] }),
    refusal("1", { request: "GET /api/users", status: 403, reason: "You do not have permission to do this.", permission: "manageUsers" }),
  ],
  total: 4, page: 1, pageSize: 50, actions: ["access.refused", "auth.login-throttled"], people: [OWNER], indicators: [],
};

const fetchMock = vi.fn<typeof fetch>();
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  fetchMock.mockImplementation(async (url) => {
    const path = String(url);
    if (path.startsWith("/api/audit")) return json(page);
    if (path === "/api/organisations") return json({ organisations: [] });
    return json({ quarters: [] });
  });
  window.history.replaceState(null, "", "/audit");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

it("says how many more times a person was refused, and between when", async () => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuditPage />
    </QueryClientProvider>,
  );
  await screen.findByText("Refused access 199 more times between 10:42:01 and 10:42:58");
  const [, , , repeats, first] = within(screen.getByRole("table")).getAllByRole("row");
  expect(within(repeats!).getAllByRole("cell")[2]!.textContent).toMatch(/^Refused access 199 more times between 10:42:01 and 10:42:58Before and after/);
  expect(within(first!).getAllByRole("cell")[2]!.textContent).toMatch(/^Refused accessBefore and after/);
});

it("names the email tried for a sign-in that names no account", async () => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuditPage />
    </QueryClientProvider>,
  );
  const [, , slowed] = within(await screen.findByRole("table")).getAllByRole("row");
  const [, who, what] = within(slowed!).getAllByRole("cell");
  expect(who!.textContent).toBe("admin@demo.test");
  expect(what!.textContent).toMatch(/^Sign-in slowed down after failed attempts/);
});

it("shows what a save of a return changed, field by field, instead of its stored data", async () => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuditPage />
    </QueryClientProvider>,
  );
  const [, saved] = within(await screen.findByRole("table")).getAllByRole("row");
  const what = within(saved!).getAllByRole("cell")[2]!;
  expect(within(what).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
    "Positive completions 72.6% → 73.1%",
    "Commentary set to Two late completions counted",
  ]);
  expect(what.textContent).not.toContain("Before and after");
});

it("shows the reason given and what became of a query's e-mail, in words, and asks the server for sign-ins only when ticked", async () => {
  const admin = { id: 1, name: "Jo Adams" };
  const event = (id: string, action: string, after: Record<string, unknown>): AuditEventRecord => ({
    id, at: at(11, 0, 0), actor: admin, action, entityType: "user", entityId: "5",
    quarter: null, organisation: null, indicator: null, before: null, after, changes: null, clientAddress: null,
  });
  const words: Page = {
    events: [
      event("10", "user.deactivate", { active: false, reason: "Left the partnership in March" }),
      event("11", "query.email", { to: ["fire@demo.test"], delivery: "NOT_SENT", problem: "e-mail is not set up" }),
      event("12", "auth.password-change-refused", { reason: "wrong current password" }),
    ],
    total: 3, page: 1, pageSize: 50, actions: ["user.deactivate"], people: [admin], indicators: [],
  };
  fetchMock.mockImplementation(async (url) => {
    const path = String(url);
    if (path.startsWith("/api/audit")) return json(words);
    if (path === "/api/organisations") return json({ organisations: [] });
    return json({ quarters: [] });
  });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <AuditPage />
    </QueryClientProvider>,
  );
  const [, deactivated, emailed, refused] = within(await screen.findByRole("table")).getAllByRole("row");
  expect(within(deactivated!).getAllByRole("cell")[2]!.textContent).toMatch(/^Deactivated a userReason: Left the partnership in March/);
  expect(within(emailed!).getAllByRole("cell")[2]!.textContent).toMatch(/^Query not e-mailed: e-mail is not set up/);
  // A refusal's own reason is the system's, not a person's words: not shown as one.
  expect(within(refused!).queryByTestId("reason")).toBeNull();

  expect(fetchMock.mock.calls.some(([url]) => String(url).includes("signIns"))).toBe(false);
  screen.getByLabelText("Show sign-ins, sign-outs and password changes").click();
  await vi.waitFor(() => expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith("/api/audit?signIns=shown"))).toBe(true));
});
