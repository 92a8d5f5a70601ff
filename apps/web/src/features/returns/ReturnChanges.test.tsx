// @vitest-environment happy-dom
import type { ReturnChange } from "@quarterly-returns/shared";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { ReturnChanges } from "./ReturnChanges.tsx";

const PAUL = { id: 7, name: "Paul Haley" };
/** A time on 28 Nov 2026, in this machine's time zone: what the page shows. */
const at = (hours: number, minutes: number) => new Date(2026, 10, 28, hours, minutes).toISOString();
const change = (minutes: number, action: string, changes: ReturnChange["changes"]): ReturnChange => ({ at: at(10, minutes), by: PAUL, action, changes });

afterEach(cleanup);

it("says what each save changed, who saved it and when, with runs of drafts folded into one", () => {
  render(
    <ReturnChanges
      changes={[
        change(42, "return.submit", [{ label: "Positive completions", before: "72.6%", after: "73.1%" }]),
        change(30, "return.submit", []),
        change(20, "return.save-draft", [{ label: "Positive completions", before: "72.0%", after: "72.6%" }]),
        change(15, "return.save-draft", [{ label: "Commentary", before: null, after: "Two late completions." }]),
        change(10, "return.save-draft", [{ label: "Positive completions", before: null, after: "72.0%" }]),
      ]}
    />,
  );
  const entries = within(screen.getByTestId("changes")).getAllByRole("listitem").filter((item) => item.parentElement === screen.getByTestId("changes"));
  expect(entries.map((entry) => entry.textContent)).toEqual([
    "Submitted: Positive completions 72.6% → 73.1%, Paul Haley, 28 Nov 2026 10:42",
    "Submitted, Paul Haley, 28 Nov 2026 10:30",
    expect.stringMatching(/^3 draft saves, Paul Haley, 28 Nov 2026 10:10 to 10:20/),
  ]);
  const drafts = within(entries[2]!).getAllByRole("listitem").map((item) => item.textContent);
  expect(drafts).toEqual([
    "Draft saved: Positive completions 72.0% → 72.6%, Paul Haley, 28 Nov 2026 10:20",
    "Draft saved: Commentary set to Two late completions., Paul Haley, 28 Nov 2026 10:15",
    "Draft saved: Positive completions set to 72.0%, Paul Haley, 28 Nov 2026 10:10",
  ]);
});

it("shows nothing for a return never saved", () => {
  const { container } = render(<ReturnChanges changes={[]} />);
  expect(container.textContent).toBe("");
});
