// @vitest-environment happy-dom
import type { ChaseRecord } from "@quarterly-returns/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { ChaseHistory } from "./ChaseHistory.tsx";

const chase = (id: number, changes: Partial<ChaseRecord>): ChaseRecord => ({
  id, sentAt: new Date(2026, 10, 20, 9, 0).toISOString(), sentBy: null, recipient: "fire@demo.test", copyTo: null, deliveryStatus: "SENT", deliveryError: null, attempts: 1,
  quarterId: 4, organisation: { id: 8, name: "Cleveland Fire Brigade", shortName: "Fire" }, subject: "Q4", body: "…",
  items: [{ indicatorId: 1, ref: "4.5", title: "Deliberate fires", state: "Missing, overdue" }],
  ...changes,
});

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  fetchMock.mockImplementation(async () =>
    new Response(
      JSON.stringify({ chases: [chase(2, { copyTo: "station.manager@fire.example" }), chase(1, { sentBy: { id: 2, name: "Chris Manning" } })] }),
      { status: 200, headers: { "content-type": "application/json" } },
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

it("names who chased, a person or the reminder schedule, and the lead contact copied in", async () => {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ChaseHistory quarterId={4} organisationId={8} />
    </QueryClientProvider>,
  );
  const table = await screen.findByTestId("chase-history");
  const [, automatic, manual] = within(table).getAllByRole("row");
  expect(within(automatic!).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
    expect.stringContaining("20 Nov 2026"),
    "Sent automatically",
    "fire@demo.test (copied to the lead contact, station.manager@fire.example)",
    "4.5",
    "Sent",
  ]);
  expect(within(manual!).getAllByRole("cell")[1]!.textContent).toBe("Chris Manning");
});

it("says which attempt an automatic reminder went on, or how often it failed, in plain words", async () => {
  fetchMock.mockImplementation(async () =>
    new Response(
      JSON.stringify({
        chases: [
          chase(3, { attempts: 2 }),
          chase(2, { attempts: 3, deliveryStatus: "FAILED", deliveryError: "connect ECONNREFUSED 127.0.0.1:25" }),
          chase(1, { deliveryStatus: "FAILED", deliveryError: "550 mailbox unavailable" }),
        ],
      }),
      { status: 200, headers: { "content-type": "application/json" } },
    ),
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ChaseHistory quarterId={4} organisationId={8} />
    </QueryClientProvider>,
  );
  const table = await screen.findByTestId("chase-history");
  const delivery = within(table).getAllByRole("row").slice(1).map((row) => within(row).getAllByRole("cell").at(-1)!.textContent);
  expect(delivery).toEqual(["Sent on the 2nd attempt", "Failed 3 times: the mail server could not be reached", "Not delivered: the e-mail could not be sent"]);
});
