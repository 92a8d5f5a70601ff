import { formatDate, NO_DATA_REASON_NAMES, type CompletenessCell } from "@quarterly-returns/shared";

/** A grid cell's state in words and colour; lateness and open queries as tags of their own. */
export function CellTag({ cell }: { cell: CompletenessCell }) {
  const [label, colour] = describe(cell);
  return (
    <>
      <strong className={`govuk-tag ${colour}`}>{label}</strong>
      {cell.late && cell.state === "OUTSTANDING" && <strong className="govuk-tag govuk-tag--red app-tag-inline">Overdue</strong>}
      {cell.late && cell.state === "IN" && <strong className="govuk-tag govuk-tag--orange app-tag-inline">Late</strong>}
      {cell.openQueries > 0 && <strong className="govuk-tag govuk-tag--orange app-tag-inline">Query open</strong>}
    </>
  );
}

function describe(cell: CompletenessCell): [string, string] {
  if (cell.state === "EXPECTED" || (cell.noDataReason === "NOT_YET_AVAILABLE" && cell.availableFrom)) {
    return [`Expected ${formatDate(cell.availableFrom!)}`, "govuk-tag--light-blue"];
  }
  if (cell.state === "IN") return cell.status === "SUBMITTED" ? ["Submitted", "govuk-tag--green"] : [NO_DATA_REASON_NAMES[cell.noDataReason!], "govuk-tag--blue"];
  if (cell.state === "NOT_PROVIDED") return [NO_DATA_REASON_NAMES.NOT_PROVIDED, "govuk-tag--purple"];
  return cell.status === "DRAFT" ? ["Draft", "govuk-tag--yellow"] : ["Missing", "govuk-tag--grey"];
}
