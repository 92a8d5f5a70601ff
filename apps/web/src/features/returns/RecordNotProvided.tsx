import type { ReturnDetail } from "@quarterly-returns/shared";
import { useSaveReturn } from "./api/save-return.ts";

/** A manager records that an outstanding return was not provided; the audit log says who. */
export function RecordNotProvided({ detail, onRecorded }: { detail: ReturnDetail; onRecorded: () => void }) {
  const save = useSaveReturn(detail.indicator.id, detail.quarter.id);
  return (
    <div className="govuk-!-margin-bottom-6">
      <p className="govuk-body">This return is outstanding. If {detail.indicator.owner.name} will not provide it, record that in the report.</p>
      {save.error && <p className="govuk-error-message">{save.error.message}</p>}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        disabled={save.isPending}
        onClick={() =>
          save.mutate(
            { version: detail.return?.version ?? 0, status: "NO_DATA", noData: { reason: "NOT_PROVIDED" } },
            { onSuccess: onRecorded },
          )
        }
      >
        Record “No data provided”
      </button>
    </div>
  );
}
