import { Select } from "./Select.tsx";

interface YearSelectProps {
  years: { id: number; label: string }[];
  yearId: number | undefined;
  onChoose: (yearId: string) => void;
}

/** Which reporting year the page shows. */
export function YearSelect({ years, yearId, onChoose }: YearSelectProps) {
  return (
    <Select
      id="year"
      label="Year"
      value={yearId}
      onChange={(event) => onChoose(event.target.value)}
      options={years.map((year) => ({ value: year.id, label: year.label }))}
    />
  );
}
