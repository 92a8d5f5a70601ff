import type { ReturnRecord, SaveReturnInput } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { returnsKey } from "../../../lib/returns.ts";

export function useSaveReturn(indicatorId: number, quarterId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SaveReturnInput) =>
      (await api<{ return: ReturnRecord }>(`/returns/${indicatorId}/${quarterId}`, { method: "PUT", body })).return,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: returnsKey(quarterId) }),
  });
}
