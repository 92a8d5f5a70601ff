import { formatDate, NO_DATA_REASON_NAMES, type CompletenessCell } from "@quarterly-returns/shared";

/** A grid cell's state in words and colour; lateness and open queries as tags of their own. */
export function CellTag({ cell }: { cell: CompletenessCell }) {
  const [label, colour] = describe(cell);
  const { state, overdue, late } = cell.progress;
  return (
    <>
      <strong className={`govuk-tag ${colour}`}>{label}</strong>
      {overdue && <strong className="govuk-tag govuk-tag--red app-tag-inline">Overdue</strong>}
      {late && state === "IN" && <strong className="govuk-tag govuk-tag--orange app-tag-inline">Late</strong>}
      {cell.openQueries > 0 && <strong className="govuk-tag govuk-tag--orange app-tag-inline">Query open</strong>}
    </>
  );
}

function describe(cell: CompletenessCell): [string, string] {
  switch (cell.progress.state) {
    case "EXPECTED":
      return [`Expected ${formatDate(cell.progress.expectedOn!)}`, "govuk-tag--light-blue"];
    case "IN":
      return cell.status === "SUBMITTED" ? ["Submitted", "govuk-tag--green"] : [NO_DATA_REASON_NAMES[cell.noDataReason!], "govuk-tag--blue"];
    case "NOT_PROVIDED":
      return [NO_DATA_REASON_NAMES.NOT_PROVIDED, "govuk-tag--purple"];
    case "DRAFT":
      return ["Draft", "govuk-tag--yellow"];
    case "MISSING":
      return ["Missing", "govuk-tag--grey"];
  }
}
