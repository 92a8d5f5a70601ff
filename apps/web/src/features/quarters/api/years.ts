import type { NewYear, QuarterSummary, Reopen, SignOff, SignOffSummary, UpdateQuarter, YearOverview } from "@quarterly-returns/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

const YEARS_KEY = ["years"] as const;

export function useYears() {
  return useQuery({ queryKey: YEARS_KEY, queryFn: async () => (await api<{ years: YearOverview[] }>("/years")).years });
}

/** After any change to quarters, everything that shows them is refreshed. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

export function useUpdateQuarter(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (change: UpdateQuarter) => (await api<{ quarter: QuarterSummary }>(`/quarters/${id}`, { method: "PATCH", body: change })).quarter,
    onSuccess: invalidate,
  });
}

export function useSignOffPreview(id: number) {
  return useQuery({ queryKey: ["sign-off", id], queryFn: () => api<SignOffSummary>(`/quarters/${id}/sign-off`), gcTime: 0, retry: false });
}

export function useSignOff(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (signature: SignOff) => api<SignOffSummary>(`/quarters/${id}/close`, { method: "POST", body: signature }),
    onSuccess: invalidate,
  });
}

export function useReopen(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (reopen: Reopen) => (await api<{ quarter: QuarterSummary }>(`/quarters/${id}/reopen`, { method: "POST", body: reopen })).quarter,
    onSuccess: invalidate,
  });
}

export function useCreateYear() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (year: NewYear) =>
      (await api<{ year: { id: number; label: string; copiedFrom: string | null; indicators: number } }>("/years", { method: "POST", body: year })).year,
    onSuccess: invalidate,
  });
}
