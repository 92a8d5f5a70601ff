import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../lib/api-client.ts";
import { ErrorSummary } from "./ErrorSummary.tsx";

interface ConfirmWithReasonProps {
  /** The question, as the page's heading: "Deactivate Becky Childs's account?" */
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  reasonLabel: string;
  /** The one primary action: "Deactivate account". */
  action: string;
  pending: boolean;
  problem: Error | null;
  onConfirm(reason: string): void;
  onCancel(): void;
}

/**
 * The GOV.UK confirmation for something that takes effect at once: in place of the page, the
 * question, what will happen, a required reason (kept in the audit log), one warning button and a
 * way back. The page calling it names the window after the question while it shows.
 */
export function ConfirmWithReason({ title, children, reasonLabel, action, pending, problem, onConfirm, onCancel }: ConfirmWithReasonProps) {
  const [reason, setReason] = useState("");
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // The API says when the reason is missing, so its words are the only ones (and stay out of the data owners' download).
  const error = problem instanceof ApiError ? problem.fields.reason : undefined;
  const otherProblem = error ? undefined : problem?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="#" className="govuk-back-link" onClick={(event) => { event.preventDefault(); onCancel(); }}>Back</a>
        <ErrorSummary errors={error ? [{ href: "reason", message: error }] : otherProblem ? [{ href: "", message: otherProblem }] : []} attempt={attempt} />
        <h1 className="govuk-heading-l" ref={heading} tabIndex={-1}>{title}</h1>
        {children}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setAttempt((count) => count + 1);
            onConfirm(reason.trim());
          }}
        >
          <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="reason">{reasonLabel}</label>
            <div className="govuk-hint" id="reason-hint">This is kept in the audit log.</div>
            {error && <p className="govuk-error-message" id="reason-error"><span className="govuk-visually-hidden">Error:</span> {error}</p>}
            <textarea
              id="reason"
              className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
              rows={3}
              aria-describedby={error ? "reason-hint reason-error" : "reason-hint"}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning" disabled={pending}>{action}</button>
            <a href="#" className="govuk-link" onClick={(event) => { event.preventDefault(); onCancel(); }}>Cancel</a>
          </div>
        </form>
      </div>
    </div>
  );
}
