// "Check your answers" (the GOV.UK pattern) before a return is submitted: each figure with last
// year's and the change, the period the figures cover and the commentary, each with a link back to
// its box, then Submit.
import { changeText, kindOf, periodShape, type FieldDeclaration, type ReturnDetail } from "@quarterly-returns/shared";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { bodyOf, schemaFor, type ReturnFormValues } from "./model.ts";

interface CheckAnswersProps {
  detail: ReturnDetail;
  fields: FieldDeclaration[];
  typed: ReturnFormValues;
  /** The period the figures cover when the owner leaves it empty. */
  defaultPeriod: string;
  /** Per field key, what the form asked the owner to check. */
  warnings: Record<string, string[]>;
  submitLabel: string;
  isSaving: boolean;
  /** Back to the form, with the focus in the box at this id. */
  onChange: (id: string) => void;
  onSubmit: () => void;
}

interface Row {
  key: string;
  value: ReactNode;
  /** The id of the box the Change link goes back to. */
  change?: string;
  /** What the Change link changes, for screen readers. */
  what?: string;
}

export function CheckAnswers({ detail, fields, typed, defaultPeriod, warnings, submitLabel, isSaving, onChange, onSubmit }: CheckAnswersProps) {
  // The page changed without a navigation: a screen reader starts at its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const parsed = schemaFor(fields, detail.quarter.endDate).safeParse(bodyOf(typed, "SUBMITTED", 0, fields));
  const save = parsed.success ? parsed.data : null;
  const period = typed.periodCovered.trim() || defaultPeriod;
  const rows: Row[] = [];
  for (const field of fields) {
    const stored = save?.values[field.key];
    const kind = kindOf(field);
    const value = stored && kind.fromRow({ number: "number" in stored ? stored.number : null, outOf: "outOf" in stored ? (stored.outOf ?? null) : null, text: "text" in stored ? stored.text : null });
    const what = field.label.toLowerCase();
    rows.push({ key: field.label, value: value === undefined ? "Not given" : kind.format(field, value), change: `values.${field.key}`, what });
    const lastYear = save?.previousYear[field.key];
    if (field.comparesWithPreviousYear && lastYear !== undefined) {
      const figure = value !== undefined ? kind.figureOf(value) : null;
      const difference = figure !== null ? changeText(field, figure, lastYear) : null;
      const fromReturn = detail.lastYear?.[field.key] !== undefined;
      rows.push({
        key: `${field.label}: same period last year`,
        value: (
          <>
            {kind.formatFigure(lastYear)}
            {difference && (
              <>
                <br />
                Change: {difference}
              </>
            )}
          </>
        ),
        ...(fromReturn ? {} : { change: `previousYear.${field.key}`, what: `last year's ${what}` }),
      });
    }
  }
  if (fields.some((field) => kindOf(field).numeric)) {
    rows.push({ key: "Period the figures cover", value: period || "Not given", change: "periodCovered", what: "the period the figures cover" });
  }
  rows.push({ key: fields.length ? "Commentary" : "Update", value: typed.commentary.trim() || "None", change: "commentary", what: fields.length ? "the commentary" : "the update" });

  const lastYearPeriod = detail.lastYearPeriod;
  const unlike = Boolean(period && lastYearPeriod && periodShape(period) !== periodShape(lastYearPeriod));
  const toCheck = Object.entries(warnings).flatMap(([key, messages]) => messages.map((message) => ({ key, message })));
  const link = (id: string) => (event: MouseEvent) => {
    event.preventDefault();
    onChange(id);
  };

  return (
    <section aria-labelledby="check-answers-title" data-testid="check-answers">
      <h2 className="govuk-heading-l" id="check-answers-title" tabIndex={-1} ref={heading}>
        Check your answers before submitting
      </h2>
      <dl className="govuk-summary-list">
        {rows.map((row) => (
          <div className="govuk-summary-list__row" key={row.key}>
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value app-preserve-lines">{row.value}</dd>
            <dd className="govuk-summary-list__actions">
              {row.change && (
                <a className="govuk-link" href={`#${row.change}`} onClick={link(row.change)}>
                  Change<span className="govuk-visually-hidden"> {row.what}</span>
                </a>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {unlike && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Last year's figures covered {lastYearPeriod}; these cover {period}, so the change compares different kinds of period. Change the period or last year's
            figure so that they match, or say in the commentary how they differ.
          </strong>
        </div>
      )}
      {/* The figures the form asked the owner to check; confirmed plausibility warnings belong here too. */}
      {toCheck.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Figures you were asked to check</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="checked-warnings">
            {toCheck.map(({ key, message }) => (
              <li key={key + message}>
                {fields.find((field) => field.key === key)?.label}: {message}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 className="govuk-heading-m">Now submit your return</h2>
      <p className="govuk-body">By submitting you confirm these figures are right. The manager and the report see them straight away.</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" disabled={isSaving} onClick={onSubmit}>
          {submitLabel}
        </button>
      </div>
    </section>
  );
}
