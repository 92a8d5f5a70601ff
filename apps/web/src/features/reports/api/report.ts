import type { ImportSummary, Report } from "@quarterly-returns/shared";
import type { BoardPackSummary } from "@quarterly-returns/shared/board-pack";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

/** The year's report; with `throughQuarter`, as it stood at the end of that quarter. */
export function useReport(yearId: number | undefined, throughQuarter?: number) {
  return useQuery({
    queryKey: ["report", yearId, throughQuarter ?? 4],
    queryFn: ({ signal }) => api<Report>(`/reports/${yearId}${throughQuarter ? `?quarter=${throughQuarter}` : ""}`, { signal }),
    enabled: Boolean(yearId),
  });
}

export function useImportReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (upload: { year: string; text: string }) =>
      (await api<{ summary: ImportSummary }>("/reports/import", { method: "POST", body: upload })).summary,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** The board pack's cover and summary for the same report. */
export function useBoardPack(yearId: number | undefined, throughQuarter?: number) {
  return useQuery({
    queryKey: ["board-pack", yearId, throughQuarter ?? 4],
    queryFn: ({ signal }) => api<BoardPackSummary>(`/reports/${yearId}/board-pack${throughQuarter ? `?quarter=${throughQuarter}` : ""}`, { signal }),
    enabled: Boolean(yearId),
  });
}
