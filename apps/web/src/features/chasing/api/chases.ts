import type { ChasePreview, ChasePreviewRequest, ChaseRecord, SendChase } from "@quarterly-returns/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { completenessKey } from "./completeness.ts";

export function useChasePreview(request: ChasePreviewRequest | null) {
  return useQuery({
    queryKey: ["chase-preview", request],
    queryFn: async () => (await api<{ chases: ChasePreview[] }>("/chases/preview", { method: "POST", body: request })).chases,
    enabled: request !== null,
    // The preview is what the manager edits: keep it still while they do.
    refetchOnWindowFocus: false,
    gcTime: 0,
  });
}

export function useChaseHistory(quarterId: number, organisationId: number) {
  return useQuery({
    queryKey: ["chases", quarterId, organisationId],
    queryFn: async () => (await api<{ chases: ChaseRecord[] }>(`/chases?quarterId=${quarterId}&organisationId=${organisationId}`)).chases,
  });
}

export function useSendChase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (chase: SendChase) => (await api<{ chase: ChaseRecord }>("/chases", { method: "POST", body: chase })).chase,
    onSuccess: (chase) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: completenessKey(chase.quarterId) }),
        queryClient.invalidateQueries({ queryKey: ["chases", chase.quarterId] }),
      ]),
  });
}
