import { formatDate, type QuarterSummary } from "@quarterly-returns/shared";
import { usePageTitle } from "../../lib/page-title.ts";
import { useQuarters } from "../../lib/quarters.ts";

const STATUS_TAGS = {
  OPEN: <strong className="govuk-tag govuk-tag--green">Open</strong>,
  CLOSED: <strong className="govuk-tag govuk-tag--grey">Signed off</strong>,
  PLANNED: <strong className="govuk-tag govuk-tag--blue">Not open yet</strong>,
};

export function QuartersPage() {
  usePageTitle("Quarters");
  const quarters = useQuarters();
  const years = [...new Map((quarters.data ?? []).map((quarter) => [quarter.year.id, quarter.year])).values()];
  return (
    <>
      <h1 className="govuk-heading-l">Quarters</h1>
      {quarters.isPending && <p className="govuk-body">Loading…</p>}
      {quarters.error && <p className="govuk-error-message">{quarters.error.message}</p>}
      {years.map((year) => (
        <YearTable key={year.id} label={year.label} quarters={quarters.data!.filter((quarter) => quarter.year.id === year.id)} />
      ))}
    </>
  );
}

function YearTable({ label, quarters }: { label: string; quarters: QuarterSummary[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{label}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Quarter</th>
          <th scope="col" className="govuk-table__header">Period</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Status</th>
          <th scope="col" className="govuk-table__header">Signed off</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {quarters.map((quarter) => (
          <tr className="govuk-table__row" key={quarter.id}>
            <th scope="row" className="govuk-table__header">Q{quarter.number}</th>
            <td className="govuk-table__cell">
              {formatDate(quarter.startDate)} to {formatDate(quarter.endDate)}
            </td>
            <td className="govuk-table__cell">{formatDate(quarter.dueDate)}</td>
            <td className="govuk-table__cell">{STATUS_TAGS[quarter.status]}</td>
            <td className="govuk-table__cell">
              {quarter.signedOffAt ? `${formatDate(quarter.signedOffAt)}${quarter.signedOffBy ? ` by ${quarter.signedOffBy.name}` : ""}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
