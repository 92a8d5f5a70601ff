import { EXPLANATION_MAX_LENGTH, NO_DATA_REASON_NAMES, type NoDataReason } from "@quarterly-returns/shared";
import type { ReactNode } from "react";
import type { UseFormRegister } from "react-hook-form";
import { Radios } from "../../../components/Radios.tsx";
import type { ReturnFormValues } from "./model.ts";

interface NoDataFieldsProps {
  register: UseFormRegister<ReturnFormValues>;
  reason: NoDataReason | "";
  reasons: NoDataReason[];
  errors: { reason?: string | undefined; availableFrom?: string | undefined; explanation?: string | undefined };
  /** Shown, never sent, with "no update": what last quarter reported, for reference. */
  lastQuarter: { name: string; figures: string[] } | null;
  /** The quarter's last day (YYYY-MM-DD): the example date is after it. */
  quarterEndDate: string;
  disabled: boolean;
}

const REASON_HINTS: Record<NoDataReason, string> = {
  NOT_YET_AVAILABLE: "The figures will come later. The report will say when.",
  NOT_RELEASED: "The figures exist but cannot be released. The report will show your explanation.",
  NO_UPDATE: "Nothing has changed since last quarter. The report will say “No further update available”, with no figures for this quarter.",
  NOT_PROVIDED: "The owner has not provided a return. The report will say “No data provided”.",
};

/** Why there is no data: the reason, with the date it is expected or the explanation it needs. */
export function NoDataFields({ register, reason, reasons, errors, lastQuarter, quarterEndDate, disabled }: NoDataFieldsProps) {
  const conditional: Partial<Record<NoDataReason, ReactNode>> = {
    NOT_YET_AVAILABLE: <ExpectedDate register={register} error={errors.availableFrom} example={exampleAfter(quarterEndDate)} disabled={disabled} />,
    NOT_RELEASED: <Explanation register={register} error={errors.explanation} disabled={disabled} />,
    NO_UPDATE: lastQuarter && (
      <div data-testid="last-quarter">
        <p className="govuk-body">In {lastQuarter.name} the report showed:</p>
        <ul className="govuk-list">
          {lastQuarter.figures.map((figure) => <li key={figure}>{figure}</li>)}
        </ul>
        <p className="govuk-body">If these still stand for this quarter, choose “The figures” above and enter them.</p>
      </div>
    ),
  };
  return (
    <Radios
      id="reason"
      legend="Why is there no data?"
      error={errors.reason}
      selected={reason}
      options={reasons.map((value) => ({ value, label: NO_DATA_REASON_NAMES[value], hint: REASON_HINTS[value], conditional: conditional[value] }))}
      disabled={disabled}
      {...register("reason")}
    />
  );
}

/** "28 4 2020": the 28th of the month after the quarter ends. */
function exampleAfter(quarterEndDate: string) {
  const [year, month] = quarterEndDate.split("-").map(Number) as [number, number];
  return month === 12 ? `28 1 ${year + 1}` : `28 ${month + 1} ${year}`;
}

function ExpectedDate({ register, error, example, disabled }: { register: UseFormRegister<ReturnFormValues>; error: string | undefined; example: string; disabled: boolean }) {
  const part = (name: "day" | "month" | "year", label: string, width: number) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={`availableFrom.${name}`}>{label}</label>
        <input
          id={`availableFrom.${name}`}
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`}
          inputMode="numeric"
          disabled={disabled}
          {...register(`availableFrom.${name}`)}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={`availableFrom-hint${error ? " availableFrom-error" : ""}`}>
        <legend className="govuk-fieldset__legend">When do you expect the figures?</legend>
        <div id="availableFrom-hint" className="govuk-hint">For example, {example}</div>
        {error && (
          <p id="availableFrom-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input">
          {part("day", "Day", 2)}
          {part("month", "Month", 2)}
          {part("year", "Year", 4)}
        </div>
      </fieldset>
    </div>
  );
}

function Explanation({ register, error, disabled }: { register: UseFormRegister<ReturnFormValues>; error: string | undefined; disabled: boolean }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor="explanation">Why can the figures not be released?</label>
      {error && (
        <p id="explanation-error" className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <textarea id="explanation" className="govuk-textarea" rows={3} maxLength={EXPLANATION_MAX_LENGTH} disabled={disabled} {...register("explanation")} />
    </div>
  );
}
