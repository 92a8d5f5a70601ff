import type { TemporaryPasswordIssued } from "@quarterly-returns/shared";

/** Shown once: the admin passes the temporary password on; the person replaces it at first sign-in. */
export function TemporaryPassword({ issued, heading }: { issued: TemporaryPasswordIssued; heading: string }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation" role="status">
      <h2 className="govuk-panel__title">{heading}</h2>
      <div className="govuk-panel__body">
        Temporary password for {issued.user.email}
        <br />
        <strong className="app-temporary-password" data-testid="temporary-password">{issued.temporaryPassword}</strong>
      </div>
      <p className="govuk-body app-panel-note">
        Give it to {issued.user.name} in person or by phone, not by email. They will choose their own password when they first sign in.
        It will not be shown again.
      </p>
    </div>
  );
}
