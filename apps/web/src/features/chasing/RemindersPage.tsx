import { formatDate } from "@quarterly-returns/shared";
import {
  MAX_REMINDER_STEPS,
  reminderScheduleProblems,
  type ReminderSchedule,
  type ReminderStep,
} from "@quarterly-returns/shared/reminders";
import { useState } from "react";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { useReminderSchedule, useSetReminderSchedule } from "./api/reminder-schedule.ts";
import { WarningText } from "../../components/WarningText.tsx";
import { outcomeOf } from "./reminder-outcome.ts";

/** The manager's reminder schedule for a quarter: the days automatic reminders go out. */
export default function RemindersPage() {
  const quarterId = Number(useSearchParams()[0].get("quarter"));
  const schedule = useReminderSchedule(quarterId);
  usePageTitle("Reminder schedule");
  return (
    <>
      <Link to={`/completeness?quarter=${quarterId}`} className="govuk-back-link">Back to completeness</Link>
      {schedule.isPending && <p className="govuk-body">Loading…</p>}
      {schedule.error && <p className="govuk-error-message">{schedule.error.message}</p>}
      {schedule.data && <Schedule key={quarterId} schedule={schedule.data} />}
    </>
  );
}

interface DateParts {
  day: string;
  month: string;
  year: string;
}

const partsOf = (iso: string): DateParts => {
  const [year, month, day] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
};
const isoOf = ({ day, month, year }: DateParts) => `${year.trim()}-${month.trim().padStart(2, "0")}-${day.trim().padStart(2, "0")}`;

function Schedule({ schedule }: { schedule: ReminderSchedule }) {
  const { quarter } = schedule;
  const [rows, setRows] = useState<DateParts[]>(schedule.steps.map((step) => partsOf(step.day)));
  const [localProblems, setLocalProblems] = useState<Map<number, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const save = useSetReminderSchedule(quarter.id);
  const signedOff = quarter.status === "CLOSED";

  const serverProblems = save.error instanceof ApiError ? save.error.fields : {};
  const problemAt = (index: number) => localProblems.get(index) ?? serverProblems[`days.${index}`];
  const errors = localProblems.size
    ? [...localProblems].map(([index, message]) => ({ href: `days.${index}`, message }))
    : save.error instanceof ApiError && Object.keys(save.error.fields).length
      ? Object.entries(save.error.fields).map(([href, message]) => ({ href: href === "days" ? "days.0" : href, message }))
      : save.error
        ? [{ href: "days.0", message: save.error.message }]
        : [];

  const change = (index: number, part: keyof DateParts, value: string) => {
    setSaved(false);
    setRows((current) => current.map((row, at) => (at === index ? { ...row, [part]: value } : row)));
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} attempt={attempt} />
        {saved && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title" data-testid="schedule-saved">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="saved-title">Success</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">The reminder schedule is saved.</p>
            </div>
          </div>
        )}
        <span className="govuk-caption-l">{quarter.name}</span>
        <h1 className="govuk-heading-l">Reminder schedule</h1>
        <p className="govuk-body">
          On each day below, every organisation with returns still outstanding gets a reminder listing them, sent to its data owners. Once its
          returns are overdue, its lead contact is copied in. An organisation also gets one when a date it gave for figures that were not available
          yet passes. Each reminder is in the organisation&apos;s chase history. If its e-mail cannot be sent, it is tried up to twice more: 10
          minutes later, then an hour after that.
        </p>
        <p className="govuk-body">The returns are due on {formatDate(quarter.dueDate)}.</p>
        {!schedule.running && <WarningText>Automatic reminders are switched off on this server: none will be sent. Ask your administrator.</WarningText>}
        {!schedule.mailConfigured && <WarningText>E-mail is not set up, so reminders are recorded but not sent. Ask your administrator to set it up.</WarningText>}
        {signedOff && <p className="govuk-inset-text">This quarter is signed off: it gets no reminders.</p>}

        <ScheduleTable steps={schedule.steps} custom={schedule.custom} />

        {!signedOff && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setAttempt((count) => count + 1);
              const days = rows.map(isoOf);
              const problems = reminderScheduleProblems(days, quarter);
              setLocalProblems(problems);
              if (problems.size === 0) save.mutate({ days }, { onSuccess: () => setSaved(true) });
            }}
          >
            <h2 className="govuk-heading-m">Change the days</h2>
            {rows.length === 0 && <p className="govuk-body">No reminders: none will be sent automatically this quarter.</p>}
            {rows.map((row, index) => (
              <DateRow
                key={index}
                index={index}
                row={row}
                error={problemAt(index)}
                onChange={change}
                onRemove={() => {
                  setSaved(false);
                  setLocalProblems(new Map());
                  setRows((current) => current.filter((_, at) => at !== index));
                }}
              />
            ))}
            <div className="govuk-button-group">
              {rows.length < MAX_REMINDER_STEPS && (
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => {
                    setSaved(false);
                    setRows((current) => [...current, { day: "", month: "", year: "" }]);
                  }}
                >
                  Add another reminder
                </button>
              )}
            </div>
            <button type="submit" className="govuk-button" disabled={save.isPending}>Save the schedule</button>
          </form>
        )}
      </div>
    </div>
  );
}


function ScheduleTable({ steps, custom }: { steps: ReminderStep[]; custom: boolean }) {
  if (steps.length === 0) return <p className="govuk-body">No reminders are set for this quarter.</p>;
  return (
    <table className="govuk-table" data-testid="reminder-schedule">
      <caption className="govuk-table__caption govuk-table__caption--m">{custom ? "The days you set" : "The usual days"}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Day</th>
          <th scope="col" className="govuk-table__header">When</th>
          <th scope="col" className="govuk-table__header">What happened</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {steps.map((step) => (
          <tr className="govuk-table__row" key={step.day}>
            <td className="govuk-table__cell">{formatDate(step.day)}</td>
            <td className="govuk-table__cell">{step.description}</td>
            <td className="govuk-table__cell">{outcomeOf(step)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DateRow(props: { index: number; row: DateParts; error: string | undefined; onChange: (index: number, part: keyof DateParts, value: string) => void; onRemove: () => void }) {
  const { index, row, error, onChange, onRemove } = props;
  const id = `days.${index}`;
  const input = (part: keyof DateParts, label: string, width: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={part === "day" ? id : `${id}-${part}`}>{label}</label>
        <input
          className={`govuk-input govuk-date-input__input ${width}${error ? " govuk-input--error" : ""}`}
          id={part === "day" ? id : `${id}-${part}`}
          inputMode="numeric"
          value={row[part]}
          onChange={(event) => onChange(index, part, event.target.value)}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Reminder {index + 1}</legend>
        <div id={`${id}-hint`} className="govuk-hint">For example, 14 4 2020</div>
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input">
          {input("day", "Day", "govuk-input--width-2")}
          {input("month", "Month", "govuk-input--width-2")}
          {input("year", "Year", "govuk-input--width-4")}
        </div>
      </fieldset>
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0" onClick={onRemove}>
        Remove<span className="govuk-visually-hidden"> reminder {index + 1}</span>
      </button>
    </div>
  );
}
