import type { ComponentProps } from "react";

interface SelectProps extends Omit<ComponentProps<"select">, "id"> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string | number; label: string }[];
}

/** GOV.UK select. Prefer radios for short lists; this is for longer ones. */
export function Select({ id, label, hint, error, options, ...select }: SelectProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <select id={id} className={`govuk-select${error ? " govuk-select--error" : ""}`} aria-describedby={describedBy} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
