import type { ReminderStep } from "@quarterly-returns/shared/reminders";
import { expect, it } from "vitest";
import { outcomeOf } from "./reminder-outcome.ts";

const sent = (chased: number, notDelivered: number, retrying: number): ReminderStep => ({
  day: "2026-11-20", description: "On the due date", outcome: "SENT", ranAt: "2026-11-20T09:00:00.000Z", chased, notDelivered, retrying,
});

it("says e-mails still to be tried again will be, rather than that they did not go", () => {
  expect(outcomeOf(sent(8, 0, 0))).toBe("8 organisations reminded on 20 Nov 2026");
  expect(outcomeOf(sent(8, 3, 3))).toBe("8 organisations reminded on 20 Nov 2026; 3 e-mails have not gone yet and will be tried again");
  expect(outcomeOf(sent(1, 1, 1))).toBe("1 organisation reminded on 20 Nov 2026; 1 e-mail has not gone yet and will be tried again");
});

it("says which did not go once they will not be tried again", () => {
  expect(outcomeOf(sent(8, 3, 0))).toBe("8 organisations reminded on 20 Nov 2026, but 3 of the e-mails did not go: see the chase history");
  expect(outcomeOf(sent(8, 8, 0))).toBe("8 organisations reminded on 20 Nov 2026, but none of the e-mails went: see the chase history");
  expect(outcomeOf(sent(8, 5, 2))).toBe(
    "8 organisations reminded on 20 Nov 2026, but 3 of the e-mails did not go: see the chase history. 2 e-mails have not gone yet and will be tried again",
  );
});
