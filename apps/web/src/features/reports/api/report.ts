import type { ImportSummary, Report } from "@quarterly-returns/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export function useReport(yearId: number | undefined) {
  return useQuery({ queryKey: ["report", yearId], queryFn: ({ signal }) => api<Report>(`/reports/${yearId}`, { signal }), enabled: Boolean(yearId) });
}

export function useImportReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (upload: { year: string; text: string }) =>
      (await api<{ summary: ImportSummary }>("/reports/import", { method: "POST", body: upload })).summary,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
