import type { CompletenessCell } from "@quarterly-returns/shared";
import { describeProgress } from "@quarterly-returns/shared/progress-words";

/** A grid cell's state in words and colour; lateness and open queries as tags of their own. */
export function CellTag({ cell }: { cell: CompletenessCell }) {
  const label = describeProgress(cell);
  const colour = cell.progress.state === "IN" && cell.status !== "SUBMITTED" ? "govuk-tag--blue" : COLOURS[cell.progress.state];
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

const COLOURS = {
  EXPECTED: "govuk-tag--light-blue",
  IN: "govuk-tag--green",
  NOT_PROVIDED: "govuk-tag--purple",
  DRAFT: "govuk-tag--yellow",
  MISSING: "govuk-tag--grey",
} as const;
