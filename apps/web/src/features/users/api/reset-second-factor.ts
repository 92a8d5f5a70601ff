import type { ResetSecondFactor } from "@quarterly-returns/shared/second-factor";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export function useResetSecondFactor(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reset: ResetSecondFactor) => api<void>(`/users/${id}/second-factor/reset`, { method: "POST", body: reset }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}
