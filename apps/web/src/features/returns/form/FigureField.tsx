import { changeText, kindOf, parseFigure, type FieldDeclaration } from "@quarterly-returns/shared";
import type { UseFormRegister } from "react-hook-form";
import type { ReturnFormValues } from "./model.ts";

interface FigureFieldProps {
  field: FieldDeclaration;
  register: UseFormRegister<ReturnFormValues>;
  typed: string;
  typedPreviousYear: string;
  /** Last year's figure from last year's return, when there is one: shown, not typed. */
  lastYearFromReturn: string | null;
  errors: { value?: string | undefined; outOf?: string | undefined; previousYear?: string | undefined; confirmed?: string | undefined };
  /** The question an implausible figure asks, for its owner to confirm: "Is 2,147,483,648 right? Last year it was 492." */
  question: string | null;
  disabled: boolean;
}

const errorMessage = (id: string, message: string | undefined) =>
  message ? (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  ) : null;

/** One declared field: a figure (with its unit), a rank "out of" N, or text; and last year's figure with the change. */
export function FigureField({ field, register, typed, typedPreviousYear, lastYearFromReturn, errors, question, disabled }: FigureFieldProps) {
  const id = `values.${field.key}`;
  const hintId = `${id}-hint`;
  const { input } = kindOf(field);
  const hint = input.hint(field);
  const describedBy = [hint && hintId, errors.value && `${id}-error`, question && `${id}-question`].filter(Boolean).join(" ") || undefined;
  const invalid = errors.value || errors.outOf;

  return (
    <div className={`govuk-form-group${invalid || errors.previousYear ? " govuk-form-group--error" : ""} app-figure`}>
      {input.layout === "rank" ? (
        <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            {field.label}
            {!field.required && " (optional)"}
          </legend>
          {hint && <div id={hintId} className="govuk-hint">{hint}</div>}
          {errorMessage(id, errors.value)}
          {errorMessage(`outOf.${field.key}`, errors.outOf)}
          <div className="app-rank">
            <label className="govuk-label" htmlFor={id}>Position</label>
            <input id={id} className={`govuk-input govuk-input--width-3${errors.value ? " govuk-input--error" : ""}`} inputMode="numeric" disabled={disabled} {...register(`values.${field.key}`)} />
            <label className="govuk-label" htmlFor={`outOf.${field.key}`}>out of</label>
            <input id={`outOf.${field.key}`} className={`govuk-input govuk-input--width-3${errors.outOf ? " govuk-input--error" : ""}`} inputMode="numeric" disabled={disabled} {...register(`outOf.${field.key}`)} />
          </div>
        </fieldset>
      ) : (
        <>
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {field.label}
            {!field.required && " (optional)"}
          </label>
          {hint && <div id={hintId} className="govuk-hint">{hint}</div>}
          {errorMessage(id, errors.value)}
          {input.layout === "text" ? (
            <input id={id} className={`govuk-input${errors.value ? " govuk-input--error" : ""}`} aria-describedby={describedBy} disabled={disabled} {...register(`values.${field.key}`)} />
          ) : (
            <div className="govuk-input__wrapper">
              <input
                id={id}
                className={`govuk-input govuk-input--width-10${errors.value ? " govuk-input--error" : ""}`}
                inputMode={input.inputMode}
                autoComplete="off"
                spellCheck={false}
                aria-describedby={describedBy}
                disabled={disabled}
                {...register(`values.${field.key}`)}
              />
              {input.suffix && <div className="govuk-input__suffix" aria-hidden="true">{input.suffix}</div>}
            </div>
          )}
        </>
      )}

      {field.comparesWithPreviousYear && (
        <PreviousYear field={field} register={register} typed={typed} typedPreviousYear={typedPreviousYear} fromReturn={lastYearFromReturn} error={errors.previousYear} disabled={disabled} />
      )}

      {question && <Confirmation field={field} register={register} question={question} error={errors.confirmed} disabled={disabled} />}
    </div>
  );
}

function PreviousYear({
  field,
  register,
  typed,
  typedPreviousYear,
  fromReturn,
  error,
  disabled,
}: {
  field: FieldDeclaration;
  register: UseFormRegister<ReturnFormValues>;
  typed: string;
  typedPreviousYear: string;
  fromReturn: string | null;
  error: string | undefined;
  disabled: boolean;
}) {
  const id = `previousYear.${field.key}`;
  const now = parseFigure(typed);
  const before = parseFigure(fromReturn ?? typedPreviousYear);
  const computed = "value" in now && "value" in before ? changeText(field, now.value, before.value) : null;
  return (
    <div className="app-previous-year">
      {fromReturn !== null ? (
        <p className="govuk-body">
          Same quarter last year: <strong>{kindOf(field).formatFigure(fromReturn)}</strong>
        </p>
      ) : (
        <>
          <label className="govuk-label" htmlFor={id}>
            Same quarter last year
          </label>
          <div id={`${id}-hint`} className="govuk-hint">There is no return for last year here: enter last year's figure</div>
          {errorMessage(id, error)}
          <input
            id={id}
            className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`}
            inputMode={kindOf(field).input.inputMode}
            autoComplete="off"
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
            disabled={disabled}
            {...register(`previousYear.${field.key}`)}
          />
        </>
      )}
      <p className="govuk-body app-change" aria-live="polite" data-testid={`change-${field.key}`}>
        {computed
          ? `Change: ${computed}`
          : "Change: shown when both figures are in"}
      </p>
    </div>
  );
}

/** An implausible figure's question, and the box its owner ticks to say it is right (GOV.UK warning text and a checkbox). */
function Confirmation({ field, register, question, error, disabled }: { field: FieldDeclaration; register: UseFormRegister<ReturnFormValues>; question: string; error: string | undefined; disabled: boolean }) {
  const id = `confirmed.${field.key}`;
  return (
    <div id={`values.${field.key}-question`} className={`app-plausibility${error ? " govuk-form-group--error" : ""}`}>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {question}
        </strong>
      </div>
      {errorMessage(id, error)}
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input className="govuk-checkboxes__input" id={id} type="checkbox" disabled={disabled} aria-describedby={error ? `${id}-error` : undefined} {...register(`confirmed.${field.key}`)} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            Yes, this figure is right
          </label>
        </div>
      </div>
    </div>
  );
}
