import { can, formatDate, reopeningCovers, type ReturnDetail } from "@quarterly-returns/shared";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSession } from "../../lib/session.ts";
import { returnDetailKey, useReturnDetail } from "./api/return-detail.ts";
import { ReturnForm } from "./form/ReturnForm.tsx";
import { QueriesPanel } from "./QueriesPanel.tsx";
import { ReadOnlyReturn } from "./ReadOnlyReturn.tsx";
import { RecordNotProvided } from "./RecordNotProvided.tsx";

// Beside and below the form: loaded after it, out of the way of the data owner's download budget.
const ReturnChanges = lazy(() => import("./ReturnChanges.tsx").then((module) => ({ default: module.ReturnChanges })));
const HistoryPanel = lazy(() => import("./HistoryPanel.tsx").then((module) => ({ default: module.HistoryPanel })));

export function ReturnPage() {
  const indicatorId = Number(useParams().indicatorId);
  const quarterId = Number(useParams().quarterId);
  const detail = useReturnDetail(indicatorId, quarterId);
  usePageTitle(detail.data ? `${detail.data.indicator.ref ?? ""} ${detail.data.indicator.title}`.trim() : "Return");
  if (detail.isPending) return <p className="govuk-body">Loading…</p>;
  if (detail.error) {
    return (
      <>
        <h1 className="govuk-heading-l">This return cannot be shown</h1>
        <p className="govuk-body">{detail.error.message}</p>
        <p className="govuk-body"><Link to="/" className="govuk-link">Go to your home page</Link></p>
      </>
    );
  }
  return <Return detail={detail.data} />;
}

function Return({ detail }: { detail: ReturnDetail }) {
  const { indicator, quarter } = detail;
  const { data: user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const enters = can(user, "enterFigures");
  const back = enters ? `/returns?quarter=${quarter.id}` : `/completeness?quarter=${quarter.id}`;
  const reopened = quarter.partlyReopened.find((reopening) => reopeningCovers(reopening, { id: indicator.id, organisationId: indicator.owner.id }));
  const reload = () => queryClient.invalidateQueries({ queryKey: returnDetailKey(indicator.id, quarter.id) });

  return (
    <>
      <Link to={back} className="govuk-back-link">Back to {enters ? "my returns" : "completeness"}</Link>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">
            {quarter.name} · Priority {indicator.priority.number}
            {indicator.ref ? ` · ${indicator.ref}` : ""}
          </span>
          <h1 className="govuk-heading-l">{indicator.title}</h1>
          <p className="govuk-body">
            {indicator.owner.name}
            {indicator.leadContact ? ` · ${indicator.leadContact}` : ""}
            {indicator.restricted && <strong className="govuk-tag govuk-tag--red app-tag-inline">Restricted</strong>}
          </p>
          {reopened && (
            <div className="govuk-inset-text" data-testid="reopened">
              Reopened on {formatDate(reopened.reopenedAt)} by {reopened.reopenedBy.name}: {reopened.reason}. You can change it until it is signed off again.
            </div>
          )}
          {quarter.status === "CLOSED" && !reopened && (
            <div className="govuk-inset-text" data-testid="locked">
              {quarter.name} was signed off on {formatDate(quarter.signedOffAt!)}
              {quarter.signedOffBy ? ` by ${quarter.signedOffBy.name}` : ""}: this return can no longer be changed.
            </div>
          )}
          {detail.return && detail.return.status !== "DRAFT" && detail.mayEdit && (
            <div className="govuk-inset-text">
              Submitted on {formatDate(detail.return.submittedAt!)} by {detail.return.submittedBy?.name}. You can change it until the quarter is signed off.
            </div>
          )}
          <QueriesPanel
            queries={detail.queries}
            fields={indicator.fields}
            indicatorId={indicator.id}
            quarterId={quarter.id}
            mayAnswer={detail.mayEdit}
            mayQuery={detail.mayQuery}
          />

          {detail.mayEdit && user ? (
            <ReturnForm
              key={`${indicator.id}-${quarter.id}`}
              detail={detail}
              userId={user.id}
              onLocked={() => void reload()}
              onSubmitted={() => navigate(back, { state: { submitted: `${indicator.ref ?? indicator.title}` } })}
            />
          ) : (
            <>
              <ReadOnlyReturn indicator={indicator} record={detail.return} />
              {detail.mayRecordNotProvided && <RecordNotProvided detail={detail} onRecorded={() => void reload()} />}
            </>
          )}

          <Suspense fallback={null}>
            <ReturnChanges changes={detail.changes} />
          </Suspense>
        </div>
        <div className="govuk-grid-column-one-third">
          <Suspense fallback={null}>
            <HistoryPanel detail={detail} />
          </Suspense>
        </div>
      </div>
    </>
  );
}
