import { useState } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useQuarters } from "../../lib/quarters.ts";
import { useReopen } from "./api/years.ts";

export function ReopenPage() {
  const id = Number(useParams().id);
  const quarter = useQuarters().data?.find((candidate) => candidate.id === id);
  usePageTitle(quarter ? `Reopen ${quarter.name}` : "Reopen");
  const reopen = useReopen(id);
  const navigate = useNavigate();
  const [reason, setReason] = useState("");
  const error = reopen.error instanceof ApiError ? (reopen.error.fields.reason ?? reopen.error.message) : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/quarters" className="govuk-back-link">Back to quarters</Link>
        <ErrorSummary errors={error ? [{ href: "reason", message: error }] : []} />
        <h1 className="govuk-heading-l">Reopen {quarter?.name}</h1>
        <p className="govuk-body">Data owners will be able to change its returns again, and the quarter will need signing off again.</p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            reopen.mutate(reason, { onSuccess: () => navigate("/quarters") });
          }}
        >
          <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="reason">Why is it being reopened?</label>
            <div className="govuk-hint" id="reason-hint">This is kept in the audit log and shown on the quarters page.</div>
            {error && <p className="govuk-error-message" id="reason-error"><span className="govuk-visually-hidden">Error:</span> {error}</p>}
            <textarea id="reason" className="govuk-textarea" rows={3} aria-describedby="reason-hint" value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="govuk-button" disabled={reopen.isPending}>Reopen the quarter</button>
        </form>
      </div>
    </div>
  );
}
