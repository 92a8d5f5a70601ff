import type { ComponentProps, ReactNode } from "react";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";

interface RadiosProps extends Omit<ComponentProps<"input">, "id" | "type"> {
  /** The id of the first radio, which the error summary links to. */
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string; hint?: string; conditional?: ReactNode }[];
  /** The chosen value, to reveal its conditional content. */
  selected?: string | undefined;
}

/** GOV.UK radios in a fieldset, with optional content revealed under the chosen one. */
export function Radios({ id, legend, hint, error, options, selected, ...input }: RadiosProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className="govuk-radios">
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div key={option.value}>
                <div className="govuk-radios__item">
                  <input className="govuk-radios__input" id={optionId} type="radio" value={option.value} {...input} />
                  <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                    {option.label}
                  </label>
                  {option.hint && <div className="govuk-hint govuk-radios__hint">{option.hint}</div>}
                </div>
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
