import type { ChangePassword, SessionUser } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { SESSION_KEY } from "../../../lib/session.ts";

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (passwords: ChangePassword) =>
      (await api<{ user: SessionUser }>("/auth/password", { method: "POST", body: passwords })).user,
    onSuccess: (user) => queryClient.setQueryData(SESSION_KEY, user),
  });
}
