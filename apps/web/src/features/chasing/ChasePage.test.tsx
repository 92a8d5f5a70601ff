// @vitest-environment happy-dom
import type { ChasePreview, SessionUser } from "@quarterly-returns/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { Route } from "../../lib/router.tsx";
import { ChasePage } from "./ChasePage.tsx";

const noContact: ChasePreview = {
  organisation: { id: 12, name: "Tees Valley Fire", shortName: "FIRE" },
  recipient: null,
  subject: "Q3 2019/20 returns",
  body: "",
  items: [],
  copyTo: null,
  skipped: "NO_CONTACT",
  lastChase: null,
};

const person = (role: SessionUser["role"]): SessionUser => ({
  id: 1, email: "someone@demo.test", name: "Someone", role, organisation: null, mustChangePassword: false, mustEnrolSecondFactor: false,
});

const fetchMock = vi.fn<typeof fetch>();
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

function showChasePage(role: SessionUser["role"]) {
  fetchMock.mockImplementation(async (url) => {
    const path = String(url);
    if (path === "/api/me") return json({ user: person(role) });
    if (path === "/api/chases/preview") return json({ chases: [noContact] });
    return json({ chases: [] });
  });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Route path="/chase/:organisationId">
        <ChasePage />
      </Route>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  window.history.replaceState(null, "", "/chase/12?quarter=3");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

it("sends a manager to an administrator when an organisation has nobody to chase, not to a page they cannot open", async () => {
  showChasePage("MANAGER");
  expect(await screen.findByText(/Ask an administrator to add one first\./)).toBeTruthy();
  expect(screen.queryByRole("link", { name: "Add one" })).toBeNull();
});

it("links an admin to the organisation, where they can add a contact", async () => {
  showChasePage("ADMIN");
  const link = await screen.findByRole("link", { name: "Add one" });
  expect(link.getAttribute("href")).toBe("/organisations/12");
  expect(screen.queryByText(/Ask an administrator/)).toBeNull();
});
