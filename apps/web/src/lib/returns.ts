import type { ReturnsList } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api-client.ts";

export const returnsKey = (quarterId: number) => ["returns", quarterId] as const;

/** The returns of a quarter the signed-in person may see (the server decides which). */
export function useReturns(quarterId: number | undefined) {
  return useQuery({
    queryKey: returnsKey(quarterId ?? 0),
    queryFn: ({ signal }) => api<ReturnsList>(`/returns?quarterId=${quarterId}`, { signal }),
    enabled: Boolean(quarterId),
  });
}
