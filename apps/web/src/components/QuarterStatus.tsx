import { daysUntil, formatDate, type QuarterSummary } from "@quarterly-returns/shared";

/** Due date and days left (or overdue) for an open quarter; who signed it off for a closed one. */
export function QuarterStatus({ quarter }: { quarter: QuarterSummary }) {
  if (quarter.status === "CLOSED") {
    return (
      <div className="govuk-inset-text">
        Signed off on {formatDate(quarter.signedOffAt!)}
        {quarter.signedOffBy ? ` by ${quarter.signedOffBy.name}` : ""}.{" "}
        {quarter.partlyReopened.length ? "Some of its returns are reopened for changes." : "Its figures can no longer be changed."}
      </div>
    );
  }
  if (quarter.status === "PLANNED") return <div className="govuk-inset-text">{quarter.name} is not open for returns yet.</div>;
  const days = daysUntil(quarter.dueDate);
  const when = days > 1 ? `${days} days left` : days === 1 ? "1 day left" : days === 0 ? "due today" : `${-days} day${days === -1 ? "" : "s"} overdue`;
  return (
    <div className={`govuk-inset-text${days < 0 ? " app-overdue" : ""}`}>
      Returns for {quarter.name} are due by <strong>{formatDate(quarter.dueDate)}</strong> ({when}).
    </div>
  );
}
