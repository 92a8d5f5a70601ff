import { formatDate } from "@quarterly-returns/shared";
import { REMINDER_OUTCOME_WORDS, type ReminderStep } from "@quarterly-returns/shared/reminders";

/** What became of a day's reminders, in words: how many went, and of those that did not, which will be tried again. */
export function outcomeOf(step: ReminderStep): string {
  if (!step.outcome) return "Not yet";
  if (step.outcome !== "SENT") return REMINDER_OUTCOME_WORDS[step.outcome];
  const count = step.chased === 1 ? "1 organisation" : `${step.chased} organisations`;
  const reminded = `${count} reminded on ${formatDate(step.ranAt!)}`;
  if (step.notDelivered === 0) return reminded;
  const retrying = `${step.retrying === 1 ? "1 e-mail has" : `${step.retrying} e-mails have`} not gone yet and will be tried again`;
  const givenUp = step.notDelivered - step.retrying;
  if (givenUp === 0) return `${reminded}; ${retrying}`;
  const failed = givenUp < step.chased ? `${givenUp} of the e-mails did not go` : step.chased === 1 ? "the e-mail did not go" : "none of the e-mails went";
  return `${reminded}, but ${failed}: see the chase history${step.retrying ? `. ${retrying[0]!.toUpperCase()}${retrying.slice(1)}` : ""}`;
}
