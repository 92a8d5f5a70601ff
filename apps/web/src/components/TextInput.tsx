import type { ComponentProps } from "react";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";

interface TextInputProps extends Omit<ComponentProps<"input">, "id"> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

/** GOV.UK text input: label, optional hint, the error message at the field. */
export function TextInput({ id, label, hint, error, className, ...input }: TextInputProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        className={`govuk-input${error ? " govuk-input--error" : ""}${className ? ` ${className}` : ""}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}
