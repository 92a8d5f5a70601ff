import type { ComponentProps, ReactNode } from "react";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";

interface RadiosProps extends Omit<ComponentProps<"input">, "id" | "type"> {
  /** The id of the first radio, which the error summary links to. */
  id: string;
  legend: string;
  /** "m" where the question is the page's main one. */
  legendSize?: "s" | "m";
  hint?: string;
  error?: string | undefined;
  /** Side by side, for two short options; GOV.UK reveals nothing under inline radios. */
  inline?: boolean;
  options: { value: string; label: string; hint?: string; conditional?: ReactNode }[];
  /** The chosen value, to reveal its conditional content. */
  selected?: string | undefined;
}

/** GOV.UK radios in a fieldset, with optional content revealed under the chosen one. */
export function Radios({ id, legend, legendSize = "s", hint, error, inline = false, options, selected, ...input }: RadiosProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}`}>
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            const item = (
              <div className="govuk-radios__item" key={option.value}>
                <input className="govuk-radios__input" id={optionId} type="radio" value={option.value} {...input} />
                <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint && <div className="govuk-hint govuk-radios__hint">{option.hint}</div>}
              </div>
            );
            // Inline radios reveal nothing: their items sit directly in the row, as GOV.UK's styles expect.
            if (inline) return item;
            return (
              <div key={option.value}>
                {item}
                {option.conditional && selected === option.value && (
                  <div className="govuk-radios__conditional">{option.conditional}</div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
