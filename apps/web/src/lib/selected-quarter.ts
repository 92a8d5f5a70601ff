import { useSearchParams } from "./router.tsx";
import { currentQuarter, useQuarters } from "./quarters.ts";

/** The quarter named in the address, or the current one. */
export function useSelectedQuarter() {
  const quarters = useQuarters();
  const [search] = useSearchParams();
  const wanted = Number(search.get("quarter"));
  const list = quarters.data ?? [];
  const quarter = list.find((candidate) => candidate.id === wanted) ?? currentQuarter(list);
  return { quarters: list, quarter, isPending: quarters.isPending, error: quarters.error };
}
