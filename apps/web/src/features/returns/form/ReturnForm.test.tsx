// @vitest-environment happy-dom
import type { FieldDeclaration, PersonRef, ReturnDetail, ReturnRecord } from "@quarterly-returns/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formValuesOf } from "./model.ts";
import { ReturnForm } from "./ReturnForm.tsx";

const MARIA: PersonRef = { id: 5, name: "Maria Watson" };
const SAM: PersonRef = { id: 9, name: "Sam Patel" };
const INDICATOR_ID = 7;
const QUARTER_ID = 42;
// Spelled out rather than imported: a new key would lose every draft kept in people's browsers.
const LOCAL_DRAFT_KEY = `quarterly-returns:draft:${MARIA.id}:${INDICATOR_ID}:${QUARTER_ID}`;

const FIRES: FieldDeclaration = {
  key: "fires", label: "Deliberate primary fires", kind: "COUNT", unit: "fires", comparesWithPreviousYear: true,
  required: true, softMin: null, softMax: null, retired: false,
};
const ANSWERED: FieldDeclaration = {
  key: "answered", label: "Emergency calls answered within 10 seconds", kind: "PERCENT", unit: null, comparesWithPreviousYear: false,
  required: false, softMin: "80", softMax: null, retired: false,
};

/** A time on the day of the tests, in this machine's time zone: what the form shows. */
const at = (hours: number, minutes: number) => new Date(2020, 3, 20, hours, minutes).toISOString();

function savedReturn(changes: Partial<ReturnRecord> = {}): ReturnRecord {
  return {
    id: 300, indicatorId: INDICATOR_ID, quarterId: QUARTER_ID, status: "DRAFT", noData: null,
    values: { fires: "230" }, previousYear: { fires: "161" }, commentary: null, periodCovered: null, ragOverride: null, ragOverrideReason: null,
    version: 2, createdAt: at(9, 0), createdBy: MARIA, updatedAt: at(9, 30), updatedBy: MARIA, submittedAt: null, submittedBy: null,
    ...changes,
  };
}

function draftDetail(record = savedReturn()): ReturnDetail {
  return {
    quarter: {
      id: QUARTER_ID, number: 4, year: { id: 1, label: "2019/20" }, name: "Q4 2019/20", startDate: "2020-01-01", endDate: "2020-03-31",
      dueDate: "2020-04-30", status: "OPEN", signedOffAt: null, signedOffBy: null, partlyReopened: [],
    },
    indicator: {
      id: INDICATOR_ID, ref: "4.5", title: "Reduce deliberate primary fires", owner: { id: 3, name: "Fire and Rescue Service", shortName: "Fire" },
      leadContact: null, restricted: false, polarity: "LOWER_IS_BETTER", target: null, headlineFieldKey: "fires", periodBasis: "QUARTER", periodLagMonths: 0,
      priority: { id: 4, number: 4, title: "Safer communities" }, fields: [FIRES, ANSWERED],
    },
    return: record,
    history: [{ quarter: { id: 41, name: "Q3 2019/20" }, return: savedReturn({ id: 299, quarterId: 41, status: "SUBMITTED", values: { fires: "214", answered: "90.2" } }) }],
    lastYear: null,
    lastYearPeriod: null,
    changes: [],
    queries: [],
    mayEdit: true,
    mayRecordNotProvided: false,
    mayQuery: false,
  };
}

const fetchMock = vi.fn<typeof fetch>();
const answerWith = (status: number, body: unknown) =>
  fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
const requestsSent = () =>
  fetchMock.mock.calls.map(([url, init]) => ({ url, method: init?.method, body: JSON.parse(String(init?.body)) as unknown }));

function renderForm(detail = draftDetail()) {
  const onSubmitted = vi.fn();
  const onLocked = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ReturnForm detail={detail} userId={MARIA.id} onSubmitted={onSubmitted} onLocked={onLocked} />
    </QueryClientProvider>,
  );
  return { user: userEvent.setup({ delay: null }), onSubmitted, onLocked };
}

/** Lets the autosave's clock run on, and what it sends be answered. */
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const box = (label: string) => screen.getByLabelText<HTMLInputElement | HTMLTextAreaElement>(label);
const saveStatus = () => screen.getByTestId("save-status").textContent;
const conflictPanel = () => screen.queryByRole("region", { name: "Someone else changed this return" });

beforeEach(() => {
  // The clock also runs on by itself, for Testing Library's own waits between actions.
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["setTimeout", "clearTimeout", "Date"], now: new Date(2020, 3, 20, 10, 42) });
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  fetchMock.mockReset();
  localStorage.clear();
});

describe("the autosave of a draft", () => {
  it("sends one PUT of the typed figure 1.5 seconds after typing stops, then says when it saved", async () => {
    answerWith(200, { return: savedReturn({ version: 3, values: { fires: "230", answered: "91.4" }, updatedAt: at(10, 42) }) });
    const { user } = renderForm();

    await user.type(box("Emergency calls answered within 10 seconds (optional)"), "91.4");
    expect(localStorage.getItem(LOCAL_DRAFT_KEY)).toContain("91.4");
    await wait(1000);
    expect(fetchMock).not.toHaveBeenCalled();
    await wait(500);

    expect(requestsSent()).toEqual([
      {
        url: `/api/returns/${INDICATOR_ID}/${QUARTER_ID}`,
        method: "PUT",
        body: { version: 2, status: "DRAFT", values: { fires: "230", answered: "91.4" }, previousYear: { fires: "161" }, commentary: "", periodCovered: "", noData: null },
      },
    ]);
    expect(saveStatus()).toBe("Saved at 10:42");
    expect(localStorage.getItem(LOCAL_DRAFT_KEY)).toBeNull();
    await wait(5000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("sends nothing the shared schema refuses, and points at the answer to fix", async () => {
    const { user } = renderForm();

    await user.clear(box("Deliberate primary fires"));
    await user.type(box("Deliberate primary fires"), "-3");
    // On to the next box, as people do: left focused, the box would lose focus to the error summary
    // inside React's act, where user-event's change event only draws a warning.
    await user.tab();
    await wait(1500);

    expect(fetchMock).not.toHaveBeenCalled();
    expect(saveStatus()).toBe("Not saved: check the answers marked below.");
    expect(document.getElementById("values.fires-error")?.textContent).toBe("Error: Deliberate primary fires cannot be negative");
    expect(localStorage.getItem(LOCAL_DRAFT_KEY)).toContain("-3");
  });

  it("says why a save failed, and sends it again on Retry", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const { user } = renderForm();

    await user.type(box("Emergency calls answered within 10 seconds (optional)"), "91.4");
    await wait(1500);
    expect(saveStatus()).toBe("Not saved: Cannot reach Quarterly Returns. Check your connection and try again. Retry");

    answerWith(200, { return: savedReturn({ version: 3, values: { fires: "230", answered: "91.4" } }) });
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await wait(0);
    expect(requestsSent().map(({ body }) => body)).toMatchObject([{ status: "DRAFT", version: 2 }, { status: "DRAFT", version: 2 }]);
    expect(saveStatus()).toBe("Saved at 10:42");
  });

  it("hands over to the page when the quarter was signed off meanwhile (423)", async () => {
    answerWith(423, { message: "Q4 2019/20 has been signed off" });
    const { user, onLocked } = renderForm();

    await user.type(box("Emergency calls answered within 10 seconds (optional)"), "91.4");
    await wait(1500);
    expect(onLocked).toHaveBeenCalledTimes(1);
  });
});

describe("a colleague's save in between (409)", () => {
  it("shows both answers to choose from, and autosaves nothing until the person has chosen", async () => {
    const theirs = savedReturn({ version: 3, values: { fires: "230", answered: "88.5" }, updatedAt: at(10, 40), updatedBy: SAM });
    answerWith(409, { message: "Someone else has saved this return since you opened it", current: theirs });
    const { user } = renderForm();

    await user.type(box("Emergency calls answered within 10 seconds (optional)"), "91.4");
    await wait(1500);

    // The panel is loaded when first needed.
    const panel = await screen.findByRole("region", { name: "Someone else changed this return" });
    expect(panel.textContent).toContain("Sam Patel saved it at 10:40 while you were working on it.");
    expect(within(panel).getByLabelText<HTMLInputElement>("Keep yours: 91.4").checked).toBe(true);
    expect(saveStatus()).toBe("");

    await user.type(box("Commentary (optional)"), "Two arson series in March.");
    await wait(5000);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await user.click(within(panel).getByLabelText("Use Sam Patel's: 88.5"));
    await user.click(within(panel).getByRole("button", { name: "Use these answers" }));
    expect(conflictPanel()).toBeNull();
    expect(box("Emergency calls answered within 10 seconds (optional)").value).toBe("88.5");
    expect(box("Commentary (optional)").value).toBe("Two arson series in March.");

    answerWith(200, { return: savedReturn({ version: 4, values: theirs.values, commentary: "Two arson series in March." }) });
    await wait(1500);
    expect(requestsSent()[1]?.body).toMatchObject({ version: 3, status: "DRAFT", values: { fires: "230", answered: "88.5" }, commentary: "Two arson series in March." });
  });
});

describe("check your answers, then submit", () => {
  it("lists each figure with last year's, the change and the period; Change goes back to the box; Submit sends it", async () => {
    const { user, onSubmitted } = renderForm();
    expect(screen.getByText("Leave it empty for January to March 2020, or say the period they cover, like 12 months to June 2019")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Continue" }));
    const check = await screen.findByTestId("check-answers");
    await waitFor(() => expect(document.activeElement?.id).toBe("check-answers-title"));
    expect(fetchMock).not.toHaveBeenCalled();
    const rows = within(check).getAllByRole("term").map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      "Deliberate primary fires: 230 fires",
      "Deliberate primary fires: same period last year: 161Change: +69 (+42.9%)",
      "Emergency calls answered within 10 seconds: Not given",
      "Period the figures cover: January to March 2020",
      "Commentary: None",
    ]);

    await user.click(within(check).getByRole("link", { name: "Change the period the figures cover" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("periodCovered"));
    await user.type(box("Period the figures cover"), "12 months to March 2020");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(within(await screen.findByTestId("check-answers")).getByText("12 months to March 2020")).toBeTruthy();

    const recorded = savedReturn({ version: 3, status: "SUBMITTED", periodCovered: "12 months to March 2020" });
    answerWith(200, { return: recorded });
    await user.click(screen.getByRole("button", { name: "Submit" }));
    await wait(0);
    expect(requestsSent().at(-1)).toMatchObject({ method: "PUT", body: { status: "SUBMITTED", values: { fires: "230" }, periodCovered: "12 months to March 2020" } });
    expect(onSubmitted).toHaveBeenCalledWith(recorded);
  });

  it("says when last year's figures covered a different kind of period", async () => {
    const { user } = renderForm({ ...draftDetail(), lastYear: { fires: "161" }, lastYearPeriod: "January to March 2019" });
    await user.click(screen.getByRole("button", { name: "Continue" }));
    const check = await screen.findByTestId("check-answers");
    // The quarter a year on: alike.
    expect(check.textContent).not.toContain("different kinds of period");
    await user.click(within(check).getByRole("link", { name: "Change the period the figures cover" }));
    await user.type(box("Period the figures cover"), "12 months to March 2020");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect((await screen.findByTestId("check-answers")).textContent).toContain(
      "Last year's figures covered January to March 2019; these cover 12 months to March 2020, so the change compares different kinds of period.",
    );
  });

  it("is not shown while the answers have a problem", async () => {
    const { user } = renderForm();
    await user.clear(box("Deliberate primary fires"));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("link", { name: "Enter deliberate primary fires" })).toBeTruthy();
    expect(screen.queryByTestId("check-answers")).toBeNull();
  });
});

describe("no data this quarter", () => {
  it("is never autosaved, asks for what the reason needs, and is recorded with it", async () => {
    const { user, onSubmitted } = renderForm();

    await user.click(screen.getByLabelText("No data this quarter"));
    await user.click(screen.getByLabelText("No update this quarter"));
    await wait(1500);
    expect(fetchMock).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText("Not released"));
    await user.click(screen.getByRole("button", { name: "Record no data" }));
    expect(fetchMock).not.toHaveBeenCalled();
    const problem = screen.getByRole("link", { name: "Explain why the data cannot be released" });
    expect(problem.getAttribute("href")).toBe("#explanation");
    // The summary takes the focus once it is shown; typing on before then would type into it.
    await waitFor(() => expect(document.activeElement?.className).toBe("govuk-error-summary"));
    expect(document.getElementById("explanation-error")?.textContent).toBe("Error: Explain why the data cannot be released");

    const recorded = savedReturn({ version: 3, status: "NO_DATA", values: {}, noData: { reason: "NOT_RELEASED", availableFrom: null, explanation: "Held back until the national release." } });
    answerWith(200, { return: recorded });
    await user.type(box("Why can the figures not be released?"), "Held back until the national release.");
    await user.click(screen.getByRole("button", { name: "Record no data" }));
    await wait(0);
    expect(requestsSent()).toMatchObject([
      { method: "PUT", body: { version: 2, status: "NO_DATA", values: {}, noData: { reason: "NOT_RELEASED", availableFrom: null, explanation: "Held back until the national release." } } },
    ]);
    expect(onSubmitted).toHaveBeenCalledWith(recorded);
    expect(localStorage.getItem(LOCAL_DRAFT_KEY)).toBeNull();
  });
});

describe("what the form hides is not sent", () => {
  it("keeps the figures and commentary typed before choosing no data, sends neither with it, and brings them back", async () => {
    const { user } = renderForm();

    await user.type(box("Emergency calls answered within 10 seconds (optional)"), "3.1");
    await user.type(box("Commentary (optional)"), "Recalls up after a review.");
    await user.click(screen.getByLabelText("No data this quarter"));
    await user.click(screen.getByLabelText("No update this quarter"));
    await wait(5000);
    // Kept in this browser, never sent by the autosave.
    expect(fetchMock).not.toHaveBeenCalled();
    expect(localStorage.getItem(LOCAL_DRAFT_KEY)).toContain("3.1");
    expect(screen.queryByLabelText("Emergency calls answered within 10 seconds (optional)")).toBeNull();
    expect(screen.queryByLabelText("Commentary (optional)")).toBeNull();
    // Last quarter's figures are shown for reference, read-only, and nothing offers to repeat them.
    expect(screen.getByTestId("last-quarter").textContent).toContain("In Q3 2019/20 the report showed:Deliberate primary fires: 214 firesEmergency calls answered within 10 seconds: 90.2%");
    expect(screen.queryByRole("button", { name: /Repeat/ })).toBeNull();

    await user.click(screen.getByLabelText("The figures"));
    expect(box("Emergency calls answered within 10 seconds (optional)").value).toBe("3.1");
    expect(box("Commentary (optional)").value).toBe("Recalls up after a review.");

    await user.click(screen.getByLabelText("No data this quarter"));
    answerWith(200, { return: savedReturn({ version: 3, status: "NO_DATA", values: {}, previousYear: {}, noData: { reason: "NO_UPDATE", availableFrom: null, explanation: null } }) });
    await user.click(screen.getByRole("button", { name: "Record no data" }));
    await wait(0);
    expect(requestsSent()).toEqual([
      {
        url: `/api/returns/${INDICATOR_ID}/${QUARTER_ID}`,
        method: "PUT",
        body: { version: 2, status: "NO_DATA", values: {}, previousYear: {}, commentary: null, noData: { reason: "NO_UPDATE", availableFrom: null, explanation: null } },
      },
    ]);
  });

  it("refuses an expected date before the quarter ends, or more than two years ahead", async () => {
    const { user } = renderForm();
    await user.click(screen.getByLabelText("No data this quarter"));
    await user.click(screen.getByLabelText("Not available yet"));
    expect(document.getElementById("availableFrom-hint")?.textContent).toBe("For example, 28 4 2020");
    await user.type(box("Day"), "1");
    await user.type(box("Month"), "1");
    await user.type(box("Year"), "2019");
    await user.click(screen.getByRole("button", { name: "Record no data" }));
    expect(screen.getByRole("link", { name: "The date the figures are expected must be after 31 Mar 2020, when the quarter ends" }).getAttribute("href")).toBe("#availableFrom.day");

    await user.clear(box("Year"));
    await user.type(box("Year"), "2092");
    await user.click(screen.getByRole("button", { name: "Record no data" }));
    expect(document.getElementById("availableFrom-error")?.textContent).toBe("Error: The date the figures are expected must be within 2 years from today, by 20 Apr 2022 at the latest");
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe("the words and the focus of the form", () => {
  it("asks for a whole number on a number pad, and a percentage on a decimal one", () => {
    renderForm();
    expect(document.getElementById("values.fires-hint")?.textContent).toBe("A whole number of fires, like 2,424");
    expect(box("Deliberate primary fires").inputMode).toBe("numeric");
    expect(box("Emergency calls answered within 10 seconds (optional)").inputMode).toBe("decimal");
  });

  it("shows no soft warning beside an error on the same figure, and focuses the error summary at every failed submit", async () => {
    const { user } = renderForm();
    await user.clear(box("Deliberate primary fires"));
    await user.type(box("Deliberate primary fires"), "20");
    expect(document.getElementById("values.fires-question")?.textContent).toContain("In Q3 2019/20 it was 214.");
    await user.clear(box("Deliberate primary fires"));
    await user.type(box("Deliberate primary fires"), "-3");

    const submit = screen.getByRole("button", { name: "Continue" });
    await user.click(submit);
    await waitFor(() => expect(document.activeElement?.className).toBe("govuk-error-summary"));
    expect(document.getElementById("values.fires-error")?.textContent).toBe("Error: Deliberate primary fires cannot be negative");
    expect(document.getElementById("values.fires-question")).toBeNull();

    // The same problem again: the click takes the focus to the button, and the summary takes it back.
    await user.click(submit);
    await waitFor(() => expect(document.activeElement?.className).toBe("govuk-error-summary"));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("says it was you, in another tab, when your own save came in between", async () => {
    answerWith(409, { message: "This return has changed since you opened it.", current: savedReturn({ version: 3, values: { fires: "230", answered: "88.5" }, updatedAt: at(10, 40), updatedBy: MARIA }) });
    const { user } = renderForm();

    await user.type(box("Emergency calls answered within 10 seconds (optional)"), "91.4");
    await wait(1500);

    const panel = await screen.findByRole("region", { name: "You changed this return in another tab" });
    expect(panel.textContent).toContain("You saved it at 10:40 in another tab or on another device.");
    expect(within(panel).getByLabelText("Keep these: 91.4")).toBeTruthy();
    expect(within(panel).getByLabelText("Use the other tab's: 88.5")).toBeTruthy();
    expect(conflictPanel()).toBeNull();
  });
});

describe("what was typed and never saved, after a reload", () => {
  const keptLocally = (version: number) =>
    localStorage.setItem(
      LOCAL_DRAFT_KEY,
      JSON.stringify({
        version,
        values: {
          mode: "FIGURES", values: { fires: "230", answered: "77.7" }, outOf: {}, previousYear: { fires: "161" }, commentary: "Typed before the reload",
          reason: "", availableFrom: { day: "", month: "", year: "" }, explanation: "",
        },
        at: at(9, 15),
      }),
    );

  it("is put back in the boxes with the Restored banner", () => {
    keptLocally(2);
    renderForm();

    const banner = screen.getByRole("region", { name: "Restored" });
    expect(banner.textContent).toContain("We kept what you typed on 20 Apr 2020 at 09:15, which had not been saved yet. Check it, then save.");
    expect(box("Emergency calls answered within 10 seconds (optional)").value).toBe("77.7");
    expect(box("Commentary (optional)").value).toBe("Typed before the reload");
    expect(conflictPanel()).toBeNull();
  });

  it("is offered beside the server's answers when a colleague saved since", () => {
    keptLocally(1);
    renderForm(draftDetail(savedReturn({ version: 2, values: { fires: "230", answered: "88.5" }, updatedAt: at(10, 5), updatedBy: SAM })));

    const panel = conflictPanel()!;
    expect(panel.textContent).toContain("Sam Patel saved it at 10:05 while you were working on it.");
    expect(within(panel).getByLabelText("Keep yours: 77.7")).toBeTruthy();
    expect(within(panel).getByLabelText("Use Sam Patel's: 88.5")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Restored" })).toBeNull();
    expect(box("Emergency calls answered within 10 seconds (optional)").value).toBe("77.7");
  });

  it("is left alone when the server already has it", () => {
    localStorage.setItem(LOCAL_DRAFT_KEY, JSON.stringify({ version: 2, values: formValuesOf(savedReturn(), [FIRES, ANSWERED], null), at: at(9, 15) }));
    renderForm();

    expect(screen.queryByRole("region", { name: "Restored" })).toBeNull();
    expect(box("Emergency calls answered within 10 seconds (optional)").value).toBe("");
  });
});
