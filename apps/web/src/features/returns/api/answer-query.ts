import type { QueryRecord } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { returnsKey } from "../../../lib/returns.ts";
import { returnDetailKey } from "./return-detail.ts";

export function useAnswerQuery(indicatorId: number, quarterId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, response }: { id: number; response: string }) =>
      (await api<{ query: QueryRecord }>(`/queries/${id}/answer`, { method: "POST", body: { response } })).query,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: returnDetailKey(indicatorId, quarterId) }),
        queryClient.invalidateQueries({ queryKey: returnsKey(quarterId) }),
      ]),
  });
}
