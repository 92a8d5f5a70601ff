import type { SessionUser, SignIn } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { SESSION_KEY } from "../../../lib/session.ts";

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    /** The person signed in; or null when their code is asked for next (/sign-in/code). */
    mutationFn: async (credentials: SignIn) =>
      (await api<{ user?: SessionUser }>("/auth/login", { method: "POST", body: credentials })).user ?? null,
    onSuccess: (user) => {
      if (!user) return;
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, user);
    },
  });
}
