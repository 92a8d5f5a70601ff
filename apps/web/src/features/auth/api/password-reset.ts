import type { ResetLinkProblem, ResetLinkRequest, ResetPassword } from "@quarterly-returns/shared/password-reset";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "../../../lib/api-client.ts";
import { SESSION_KEY } from "../../../lib/session.ts";

export function useRequestResetLink() {
  return useMutation({
    mutationFn: (request: ResetLinkRequest) => api<{ message: string }>("/auth/password-reset/request", { method: "POST", body: request }),
  });
}

/** Whose the link is, or why it cannot be used. */
export type ResetLinkState = { email: string } | { problem: ResetLinkProblem };

export function useResetLink(token: string) {
  return useQuery({
    queryKey: ["password-reset", token],
    queryFn: async (): Promise<ResetLinkState> => {
      try {
        return await api<{ email: string }>("/auth/password-reset/check", { method: "POST", body: { token } });
      } catch (error) {
        const problem = problemOf(error);
        if (problem) return { problem };
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: ResetPassword) => api<void>("/auth/password-reset", { method: "POST", body: form }),
    // Every session of the person has ended, this browser's too.
    onSuccess: () => queryClient.setQueryData(SESSION_KEY, null),
  });
}

/** Why the API refused the link, when that was the refusal. */
export function problemOf(error: unknown): ResetLinkProblem | null {
  return error instanceof ApiError ? ((error.body as { problem?: ResetLinkProblem } | undefined)?.problem ?? null) : null;
}
