import type { Completeness } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export const completenessKey = (quarterId: number) => ["completeness", quarterId] as const;

export function useCompleteness(quarterId: number | undefined) {
  return useQuery({
    queryKey: completenessKey(quarterId ?? 0),
    queryFn: ({ signal }) => api<Completeness>(`/quarters/${quarterId}/completeness`, { signal }),
    enabled: Boolean(quarterId),
  });
}
