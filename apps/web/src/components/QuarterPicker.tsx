import type { QuarterSummary } from "@quarterly-returns/shared";
import { useSearchParams } from "../lib/router.tsx";

const STATUS = { OPEN: "open", CLOSED: "signed off", PLANNED: "not open yet" } as const;

/** Chooses the quarter shown, kept in the address (?quarter=12) so it can be shared and reloaded. */
export function QuarterPicker({ quarters, current }: { quarters: QuarterSummary[]; current: QuarterSummary }) {
  const [, setSearch] = useSearchParams();
  return (
    <div className="govuk-form-group app-quarter-picker">
      <label className="govuk-label" htmlFor="quarter">
        Quarter
      </label>
      <select id="quarter" className="govuk-select" value={current.id} onChange={(event) => setSearch({ quarter: event.target.value })}>
        {quarters
          .filter((quarter) => quarter.status !== "PLANNED")
          .map((quarter) => (
            <option key={quarter.id} value={quarter.id}>
              {quarter.name} ({STATUS[quarter.status]})
            </option>
          ))}
      </select>
    </div>
  );
}
