import type { CompletenessCell, Progress } from "@quarterly-returns/shared";
import { expect, it } from "vitest";
import { cellState } from "./cell-state.ts";

const cell = (progress: Partial<Progress>, more: Partial<CompletenessCell> = {}): CompletenessCell => ({
  indicator: { id: 1, ref: "1.2", title: "Positive completions", priorityId: 1, restricted: false },
  label: "1.2",
  progress: { state: "MISSING", overdue: false, late: false, expectedOn: null, ...progress },
  status: null,
  noDataReason: null,
  openQueries: 0,
  confirmedOutliers: 0,
  ...more,
});

const shown = (state: ReturnType<typeof cellState>) => `${state.icon} ${state.word} [${state.tone}] ${state.full}`;

it("says every state in words, with a mark, so colour is never alone", () => {
  expect(shown(cellState(cell({})))).toBe("○ Missing [missing] Missing: nothing entered yet");
  expect(shown(cellState(cell({ overdue: true })))).toBe("! Missing [overdue] Missing, overdue");
  expect(shown(cellState(cell({ state: "DRAFT" }, { status: "DRAFT" })))).toBe("✎ Draft [draft] Draft, not submitted yet");
  expect(shown(cellState(cell({ state: "DRAFT", overdue: true }, { status: "DRAFT" })))).toBe("! Draft [overdue] Draft, not submitted, overdue");
  expect(shown(cellState(cell({ state: "EXPECTED", expectedOn: "2026-12-20" }, { status: "NO_DATA", noDataReason: "NOT_YET_AVAILABLE" })))).toBe(
    "… Expected 20 Dec [expected] No data yet: expected on 20 Dec 2026",
  );
  expect(shown(cellState(cell({ state: "EXPECTED", expectedOn: "2026-11-02", overdue: true }, { status: "NO_DATA", noDataReason: "NOT_YET_AVAILABLE" })))).toBe(
    "! Expected 2 Nov [overdue] No data yet: expected on 2 Nov 2026, now overdue",
  );
  expect(shown(cellState(cell({ state: "IN" }, { status: "SUBMITTED" })))).toBe("✓ In [in] In: submitted");
  expect(shown(cellState(cell({ state: "IN", late: true }, { status: "SUBMITTED" })))).toBe("✓ In late [in] In: submitted after the due date");
  expect(shown(cellState(cell({ state: "IN" }, { status: "NO_DATA", noDataReason: "NOT_RELEASED" })))).toBe("– Not released [no-data] In, no data: not released");
  expect(shown(cellState(cell({ state: "IN" }, { status: "NO_DATA", noDataReason: "NO_UPDATE" })))).toBe("– No update [no-data] In, no data: no update this quarter");
  expect(shown(cellState(cell({ state: "NOT_PROVIDED" }, { status: "NO_DATA", noDataReason: "NOT_PROVIDED" })))).toBe("× Not provided [not-provided] No data provided");
});

it("flags an open query and a confirmed unusual figure, in the words too", () => {
  const state = cellState(cell({ state: "IN" }, { status: "SUBMITTED", openQueries: 2, confirmedOutliers: 1 }));
  expect(state.flags).toEqual(["Query", "Unusual"]);
  expect(state.full).toBe("In: submitted; 2 queries are open; the owner confirmed an unusual figure");
});
