import { describeState, formatDate, kindOf, type IndicatorSummary, type ReturnRecord } from "@quarterly-returns/shared";

/** A return as it stands, for a signed-off quarter or someone who may read but not enter it. */
export function ReadOnlyReturn({ indicator, record }: { indicator: IndicatorSummary; record: ReturnRecord | null }) {
  const rows: [string, string][] = [["State", describeState(record)]];
  if (record?.noData?.explanation) rows.push(["Explanation", record.noData.explanation]);
  for (const field of indicator.fields) {
    const value = record?.values[field.key];
    if (value !== undefined) rows.push([field.label, kindOf(field).format(field, value)]);
    const lastYear = record?.previousYear[field.key];
    if (lastYear !== undefined) rows.push([`${field.label}: same quarter last year`, kindOf(field).format(field, lastYear)]);
  }
  if (record?.periodCovered) rows.push(["Period the figures cover", record.periodCovered]);
  if (record?.commentary) rows.push(["Commentary", record.commentary]);
  if (record?.submittedAt) rows.push(["Submitted", `${formatDate(record.submittedAt)} by ${record.submittedBy?.name ?? "someone"}`]);
  return (
    <dl className="govuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value app-preserve-lines">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
