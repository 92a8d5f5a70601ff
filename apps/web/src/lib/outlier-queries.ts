import { outlierQueryText, type ConfirmedOutlierSummary, type QueryRecord } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api-client.ts";

/** "Query this figure": raises the prefilled query on a confirmed outlier, in one click. */
export function useQueryOutlier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (outlier: ConfirmedOutlierSummary) =>
      (
        await api<{ query: QueryRecord }>(`/returns/${outlier.indicator.id}/${outlier.quarter.id}/queries`, {
          method: "POST",
          body: { fieldKey: outlier.fieldKey, text: outlierQueryText(outlier) },
        })
      ).query,
    onSuccess: (_query, outlier) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["completeness", outlier.quarter.id] }),
        queryClient.invalidateQueries({ queryKey: ["sign-off", outlier.quarter.id] }),
      ]),
  });
}
