import { IMPORT_LIMITS, importFileTooLarge, importTooBig } from "@quarterly-returns/shared";
import { useState } from "react";
import { Link } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useImportReport } from "./api/report.ts";

/** Upload a report in the partnership's document layout: all of it is imported, or none. */
export function ImportPage() {
  usePageTitle("Import a report");
  const upload = useImportReport();
  const [year, setYear] = useState("");
  const [file, setFile] = useState<File | null>(null);
  // A file over the limits is refused here, before it is sent, with the words the server would use.
  const [tooBig, setTooBig] = useState<string | null>(null);
  const problems = upload.error instanceof ApiError ? ((upload.error.body as { problems?: { line: number; problem: string }[] }).problems ?? []) : [];
  const errors = tooBig
    ? [{ href: "file", message: tooBig }]
    : upload.error
    ? problems.length
      ? problems.map((problem) => ({ href: "file", message: `Line ${problem.line}: ${problem.problem}` }))
      : [{ href: upload.error instanceof ApiError && upload.error.fields.year ? "year" : "file", message: upload.error.message }]
    : [];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/report" className="govuk-back-link">Back to the report</Link>
        <ErrorSummary errors={errors} />
        {upload.data && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Imported into {upload.data.year}</p>
              <p className="govuk-body" data-testid="import-summary">
                {upload.data.indicatorsCreated} indicators created and {upload.data.indicatorsUpdated} updated; {upload.data.returnsWritten} quarter updates written,{" "}
                {upload.data.returnsUnchanged} already as the file has them.
                {upload.data.organisationsCreated.length > 0 && ` New organisations: ${upload.data.organisationsCreated.join(", ")}.`}
              </p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Import a report</h1>
        <p className="govuk-body">
          Upload a report in the partnership's document layout, saved from the spreadsheet as tab-separated text. It creates or updates the year's
          priorities, indicators, owners and quarter updates. Nothing is imported if any line cannot be read; importing the same file again changes nothing.
          A file can have up to {IMPORT_LIMITS.lines.toLocaleString("en-GB")} lines and be up to {IMPORT_LIMITS.bytes / 2 ** 20} MB.
        </p>
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            upload.reset();
            // A file over the size limit is not even read.
            const oversized = file && file.size > IMPORT_LIMITS.bytes ? importFileTooLarge(file.size) : null;
            const text = file && !oversized ? await file.text() : "";
            const refusal = oversized ?? importTooBig(text);
            setTooBig(refusal);
            if (!refusal) upload.mutate({ year, text });
          }}
        >
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="year">Year</label>
            <div className="govuk-hint" id="year-hint">Like 2019/20</div>
            <input id="year" className="govuk-input govuk-input--width-5" aria-describedby="year-hint" value={year} onChange={(event) => setYear(event.target.value)} />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="file">Report file</label>
            <input id="file" type="file" className="govuk-file-upload" accept=".tsv,.txt,text/tab-separated-values,text/plain" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" className="govuk-button" disabled={upload.isPending}>Import</button>
        </form>
      </div>
    </div>
  );
}
