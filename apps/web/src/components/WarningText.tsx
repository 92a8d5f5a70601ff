import type { ReactNode } from "react";

/** GOV.UK warning text: the "!" icon, and "Warning" read out before the words. */
export function WarningText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div className={className ? `govuk-warning-text ${className}` : "govuk-warning-text"}>
      <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}
