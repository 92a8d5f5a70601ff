import type { ReturnDetail } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export const returnDetailKey = (indicatorId: number, quarterId: number) => ["return", indicatorId, quarterId] as const;

export function useReturnDetail(indicatorId: number, quarterId: number) {
  return useQuery({
    queryKey: returnDetailKey(indicatorId, quarterId),
    queryFn: ({ signal }) => api<ReturnDetail>(`/returns/${indicatorId}/${quarterId}`, { signal }),
    // The form keeps its own state: refetching under it would fight what is being typed, and a
    // form opened later must start from the server's latest, not from a cached copy.
    refetchOnWindowFocus: false,
    gcTime: 0,
  });
}
