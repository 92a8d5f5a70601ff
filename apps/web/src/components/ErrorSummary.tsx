import { useEffect, useRef } from "react";

export interface ErrorSummaryItem {
  /** The id of the input the message is about; the summary links to it. */
  href: string;
  message: string;
}

/**
 * GOV.UK error summary: at the top of the page, focused when it appears, linking to each field.
 * `attempt` (a count of submits) focuses it again when the same problems stop another submit.
 */
export function ErrorSummary({ errors, attempt = 0 }: { errors: ErrorSummaryItem[]; attempt?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((error) => error.href + error.message).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key, attempt]);
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">
          There is a problem
        </h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={error.href + error.message}>
                {error.href ? (
                  <a
                    href={`#${error.href}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(error.href)?.focus();
                    }}
                  >
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
