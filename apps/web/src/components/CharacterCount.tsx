import type { ComponentProps } from "react";
import { FieldMessages } from "./FieldMessages.tsx";

interface CharacterCountProps extends Omit<ComponentProps<"textarea">, "id"> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** How many characters are allowed: more can be typed, and the count says how many too many. */
  maxCharacters: number;
  /** What is in the textarea now, to count. */
  typed: string;
}

/** GOV.UK character count: a textarea that says, politely to screen readers, how much is left. */
export function CharacterCount({ id, label, hint, error, maxCharacters, typed, ...textarea }: CharacterCountProps) {
  const left = maxCharacters - typed.length;
  const over = left < 0;
  const count = Math.abs(left);
  // One string, so that a screen reader announces the whole message, not just the number that changed.
  const message = `You have ${count.toLocaleString("en-GB")} character${count === 1 ? "" : "s"} ${over ? "too many" : "remaining"}`;
  return (
    <div className={`govuk-form-group govuk-character-count${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        className={`govuk-textarea${error || over ? " govuk-textarea--error" : ""}`}
        rows={5}
        aria-describedby={[hint && `${id}-hint`, `${id}-info`].filter(Boolean).join(" ")}
        {...textarea}
      />
      <div id={`${id}-info`} className={`govuk-hint govuk-character-count__message${over ? " govuk-error-message" : ""}`} aria-live="polite">
        {message}
      </div>
    </div>
  );
}
