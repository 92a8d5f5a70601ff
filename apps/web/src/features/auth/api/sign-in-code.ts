import type { SessionUser } from "@quarterly-returns/shared";
import type { SecondFactorSignIn } from "@quarterly-returns/shared/second-factor";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { SESSION_KEY } from "../../../lib/session.ts";

/** The second step of signing in: the code (or a recovery code) after a right password. */
export function useSignInWithCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: SecondFactorSignIn) =>
      api<{ user: SessionUser; recoveryCodesLeft: number | null }>("/auth/login/code", { method: "POST", body: form }),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, user);
    },
  });
}
