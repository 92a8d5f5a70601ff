import { can, type QuarterSummary, type Report, type ReportLine, type ReportPriority } from "@quarterly-returns/shared";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { Select } from "../../components/Select.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useChosenYear, useQuarters } from "../../lib/quarters.ts";
import { YearSelect } from "../../components/YearSelect.tsx";
import { useSession } from "../../lib/session.ts";
import { useBoardPack, useReport } from "./api/report.ts";
import { BoardPackCover } from "./BoardPackCover.tsx";
import { LineageChart } from "./LineageChart.tsx";

const TONES = { good: "improving", bad: "getting worse", neutral: "no better or worse" } as const;

export function ReportPage() {
  usePageTitle("Performance report");
  const { data: user } = useSession();
  const { years, yearId, chooseYear } = useChosenYear();
  const [search, setSearch] = useSearchParams();
  const quarters = (useQuarters().data ?? []).filter((quarter) => quarter.year.id === yearId && quarter.status !== "PLANNED");
  const through = quarters.find((quarter) => quarter.number === Number(search.get("quarter")))?.number;
  const report = useReport(yearId, through);
  const pack = useBoardPack(yearId, through);
  const file = (format: string) => `/api/reports/${report.data?.year.id}.${format}${through ? `?quarter=${through}` : ""}`;
  return (
    <>
      <div className="app-no-print">
        <h1 className="govuk-heading-l">Performance report</h1>
        <div className="app-report-choices">
          {years.length > 1 && <YearSelect years={years} yearId={yearId} onChoose={chooseYear} />}
          {quarters.length > 1 && (
            <Select
              id="quarter"
              label="Quarters"
              value={through ?? ""}
              onChange={(event) => setSearch(event.target.value ? { year: String(yearId), quarter: event.target.value } : { year: String(yearId) })}
              options={[{ value: "", label: "All quarters so far" }, ...quarters.map((quarter) => ({ value: quarter.number, label: asAt(quarter) }))]}
            />
          )}
        </div>
        {report.data && (
          <p className="govuk-body app-report-actions">
            <a href={file("pdf")} className="govuk-link" download>Download as PDF</a>
            <a href={file("xlsx")} className="govuk-link" download>Download as a spreadsheet (XLSX)</a>
            <a href={file("csv")} className="govuk-link" download>Download the figures (CSV)</a>
            <a href={file("tsv")} className="govuk-link" download>Download in the document's layout (TSV)</a>
            <button type="button" className="app-link-button" onClick={() => window.print()}>Print</button>
            {can(user, "importReports") && <Link to="/report/import" className="govuk-link">Import a report</Link>}
          </p>
        )}
      </div>
      {report.isPending && <p className="govuk-body">Loading…</p>}
      {report.error && <p className="govuk-error-message">{report.error.message}</p>}
      {report.data && (
        // A printout holding any restricted row is marked OFFICIAL-SENSITIVE on every page (the stylesheet's named page).
        <div className={pack.data?.restricted ? "app-report-sensitive" : undefined}>
          {pack.data && <BoardPackCover pack={pack.data} />}
          <Document report={report.data} />
        </div>
      )}
    </>
  );
}

/** "Up to Q3 2019/20 (signed off)": the report as it stood at the end of that quarter. */
const asAt = (quarter: QuarterSummary) => `Up to ${quarter.name} (${quarter.status === "CLOSED" ? "signed off" : "open"})`;

function Document({ report }: { report: Report }) {
  const through = report.throughQuarter < 4 ? report.quarters[report.throughQuarter - 1] : undefined;
  const provisional = report.quarters.filter((quarter) => quarter.number <= report.throughQuarter && quarter.status !== "CLOSED").map((quarter) => quarter.number);
  return (
    <div className="app-report">
      <p className="govuk-heading-m">{report.title}</p>
      {through && <p className="govuk-body">As it stood at the end of {through.name}.</p>}
      {report.priorities.map((priority) => <Priority key={priority.number} priority={priority} yearLabel={report.year.label} provisional={provisional} />)}
    </div>
  );
}

function Priority({ priority, yearLabel, provisional }: { priority: ReportPriority; yearLabel: string; provisional: number[] }) {
  let previousCollation = "";
  return (
    <section className="app-report__priority" aria-labelledby={`priority-${priority.number}`}>
      <h2 className="govuk-heading-m" id={`priority-${priority.number}`}>
        Priority {priority.number}: {priority.title}
      </h2>
      <p className="govuk-body"><strong>Outcome:</strong> {priority.outcome}</p>
      <table className="govuk-table app-report__table">
        <caption className="govuk-visually-hidden">Priority {priority.number} indicators and their quarterly updates</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Ref</th>
            <th scope="col" className="govuk-table__header">Activities to support this priority</th>
            <th scope="col" className="govuk-table__header">Data collation</th>
            {[1, 2, 3, 4].map((number) => <th scope="col" className="govuk-table__header" key={number}>Quarter {number} update{provisional.includes(number) ? " (provisional)" : ""}</th>)}
            <th scope="col" className="govuk-table__header">Trend/RAG</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {priority.lines.map((line) => {
            const collation = line.collation === previousCollation ? "" : line.collation;
            previousCollation = line.collation;
            return <Line key={line.indicatorId} line={line} collation={collation} yearLabel={yearLabel} />;
          })}
        </tbody>
      </table>
    </section>
  );
}

// On a phone each line is a card: the cells stack, each quarter under its name (data-label), and
// the owner (data-owner) is named on every card even where the table leaves a repeated one blank,
// as the document does. Both are drawn by the stylesheet, so the cells' own text stays the report's.
function Line({ line, collation, yearLabel }: { line: ReportLine; collation: string; yearLabel: string }) {
  return (
    <tr className="govuk-table__row app-report__line" data-testid={`line-${line.indicatorId}`}>
      <td className="govuk-table__cell app-report__ref">
        {line.ref ?? ""}
        {line.restricted && line.ref && <strong className="govuk-tag govuk-tag--red app-block">Restricted</strong>}
      </td>
      <td className="govuk-table__cell app-report__title" data-owner={line.collation}>{line.title}</td>
      <td className="govuk-table__cell app-report__collation">{collation}</td>
      {line.cells.map((cell, index) => (
        <td className={`govuk-table__cell app-preserve-lines app-report__labelled${cell ? "" : " app-report__unreported"}`} key={index} data-label={`Quarter ${index + 1}`}>
          {cell}
        </td>
      ))}
      <td className="govuk-table__cell app-report__labelled" data-label="Trend/RAG">
        {line.trend && (
          <span className={`app-trend app-trend--${line.trend.tone}`} title={line.trend.description}>
            <span aria-hidden="true">{line.trend.arrow}</span>
            <span className="govuk-visually-hidden">{line.trend.description}, {TONES[line.trend.tone]}</span>
          </span>
        )}
        {line.rag && (
          <strong className={`govuk-tag app-block app-rag--${line.rag.rag.toLowerCase()}`} title={line.rag.reason ?? undefined}>
            {line.rag.rag}{line.rag.override ? " (set by hand)" : ""}
          </strong>
        )}
        {line.rag?.override && line.rag.reason && <span className="govuk-body-s app-block">{line.rag.reason}</span>}
        <LineageChart years={[...line.earlierYears, { year: yearLabel, chart: line.chart }]} inverted={line.chartInverted} />
      </td>
    </tr>
  );
}
