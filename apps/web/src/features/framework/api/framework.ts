import type { Framework, FrameworkIndicator, IndicatorInput, PriorityInput } from "@quarterly-returns/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

const frameworkKey = (yearId: number) => ["framework", yearId] as const;

export function useFramework(yearId: number | undefined) {
  return useQuery({ queryKey: frameworkKey(yearId ?? 0), queryFn: () => api<Framework>(`/years/${yearId}/framework`), enabled: Boolean(yearId) });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

export function useSavePriority(target: { yearId: number } | { id: number }) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (priority: PriorityInput) =>
      "yearId" in target
        ? api(`/years/${target.yearId}/priorities`, { method: "POST", body: priority })
        : api(`/priorities/${target.id}`, { method: "PUT", body: priority }),
    onSuccess: refresh,
  });
}

export function useSaveIndicator(target: { priorityId: number } | { id: number }) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (indicator: IndicatorInput) =>
      (
        await api<{ indicator: FrameworkIndicator }>("priorityId" in target ? `/priorities/${target.priorityId}/indicators` : `/indicators/${target.id}`, {
          method: "priorityId" in target ? "POST" : "PUT",
          body: indicator,
        })
      ).indicator,
    onSuccess: refresh,
  });
}

export function useDeleteIndicator(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => api<void>(`/indicators/${id}`, { method: "DELETE", body: {} }), onSuccess: refresh });
}
