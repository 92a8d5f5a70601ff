import type { ComponentProps } from "react";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";

interface SelectProps extends Omit<ComponentProps<"select">, "id"> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string | number; label: string }[];
}

/** GOV.UK select. Prefer radios for short lists; this is for longer ones. */
export function Select({ id, label, hint, error, options, ...select }: SelectProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select id={id} className={`govuk-select${error ? " govuk-select--error" : ""}`} aria-describedby={describedBy(id, hint, error)} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
