import type { QueryRecord, RaiseQuery } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { returnsKey } from "../../../lib/returns.ts";
import { returnDetailKey } from "./return-detail.ts";

function useRefresh(indicatorId: number, quarterId: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: returnDetailKey(indicatorId, quarterId) }),
      queryClient.invalidateQueries({ queryKey: returnsKey(quarterId) }),
      queryClient.invalidateQueries({ queryKey: ["completeness", quarterId] }),
    ]);
}

export function useAnswerQuery(indicatorId: number, quarterId: number) {
  const refresh = useRefresh(indicatorId, quarterId);
  return useMutation({
    mutationFn: async ({ id, response }: { id: number; response: string }) =>
      (await api<{ query: QueryRecord }>(`/queries/${id}/answer`, { method: "POST", body: { response } })).query,
    onSuccess: refresh,
  });
}

export function useRaiseQuery(indicatorId: number, quarterId: number) {
  const refresh = useRefresh(indicatorId, quarterId);
  return useMutation({
    mutationFn: async (query: RaiseQuery) =>
      (await api<{ query: QueryRecord }>(`/returns/${indicatorId}/${quarterId}/queries`, { method: "POST", body: query })).query,
    onSuccess: refresh,
  });
}

export function useCloseQuery(indicatorId: number, quarterId: number) {
  const refresh = useRefresh(indicatorId, quarterId);
  return useMutation({
    mutationFn: async (id: number) => (await api<{ query: QueryRecord }>(`/queries/${id}/close`, { method: "POST", body: {} })).query,
    onSuccess: refresh,
  });
}
