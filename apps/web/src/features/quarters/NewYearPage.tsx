import { useState } from "react";
import { Link } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useCreateYear, useYears } from "./api/years.ts";

/** The next reporting year: four quarters and a copy of the latest framework to edit. */
export function NewYearPage() {
  usePageTitle("Start the next year");
  const years = useYears();
  const latest = years.data?.[0];
  if (years.isPending) return <p className="govuk-body">Loading…</p>;
  // The form keeps the year it was opened with, even after the new year appears in the list.
  return <NewYearForm latest={latest ? { label: latest.label, endDate: latest.endDate } : null} />;
}

function nextLabel(label: string) {
  const start = Number(label.slice(0, 4)) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

function dayAfter(isoDate: string) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function NewYearForm({ latest }: { latest: { label: string; endDate: string } | null }) {
  const create = useCreateYear();
  const [label, setLabel] = useState(latest ? nextLabel(latest.label) : "");
  const [startDate, setStartDate] = useState(latest ? dayAfter(latest.endDate) : "");
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const errors = Object.entries(fields).map(([href, message]) => ({ href, message }));
  if (create.error && errors.length === 0) errors.push({ href: "label", message: create.error.message });

  if (create.data) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h1 className="govuk-panel__title">{create.data.label} is ready to edit</h1>
          <div className="govuk-panel__body">
            {create.data.indicators} indicators copied{create.data.copiedFrom ? ` from ${create.data.copiedFrom}` : ""}. Its quarters are not open yet.
          </div>
        </div>
        <p className="govuk-body">
          <Link to={`/framework?year=${create.data.id}`} className="govuk-link">Edit the {create.data.label} framework</Link> or{" "}
          <Link to="/quarters" className="govuk-link">go back to quarters</Link>.
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/quarters" className="govuk-back-link">Back to quarters</Link>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Start the next year</h1>
        <p className="govuk-body">
          This creates the year's four quarters, due a month after each ends, and copies {latest ? `${latest.label}'s` : "the"} priorities, indicators and
          fields for you to edit. Each indicator remembers last year's, so returns are compared with last year's figures.
        </p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ label, startDate });
          }}
        >
          <TextInput id="label" label="Year" hint="Like 2020/21" className="govuk-input--width-5" value={label} onChange={(event) => setLabel(event.target.value)} error={fields.label} />
          <TextInput id="startDate" label="First day of the year" type="date" className="govuk-input--width-10" value={startDate} onChange={(event) => setStartDate(event.target.value)} error={fields.startDate} />
          <button type="submit" className="govuk-button" disabled={create.isPending}>Create {label || "the year"}</button>
        </form>
      </div>
    </div>
  );
}
