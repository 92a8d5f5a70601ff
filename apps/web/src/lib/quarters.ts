import type { QuarterSummary } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api-client.ts";
import { useSearchParams } from "./router.tsx";

export function useQuarters() {
  return useQuery({
    queryKey: ["quarters"],
    queryFn: async () => (await api<{ quarters: QuarterSummary[] }>("/quarters")).quarters,
  });
}

/** The quarter open for entry (the latest, if several are), else the latest signed off. */
export function currentQuarter(quarters: QuarterSummary[]): QuarterSummary | undefined {
  const open = quarters.filter((quarter) => quarter.status === "OPEN");
  const byEnd = (a: QuarterSummary, b: QuarterSummary) => b.endDate.localeCompare(a.endDate);
  return open.sort(byEnd)[0] ?? quarters.filter((quarter) => quarter.status === "CLOSED").sort(byEnd)[0];
}

/** The reporting year a page shows: `?year=` in its address, else the newest year. */
export function useChosenYear() {
  const [search, setSearch] = useSearchParams();
  const quarters = useQuarters();
  const years = [...new Map((quarters.data ?? []).map((quarter) => [quarter.year.id, quarter.year])).values()];
  const yearId = Number(search.get("year")) || years[0]?.id;
  return { years, yearId, chooseYear: (id: string) => setSearch({ year: id }) };
}
