import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "../../../lib/api-client.ts";
import { SESSION_KEY } from "../../../lib/session.ts";

/** The single sign-on provider a session came from, and its own sign-out page. */
export type ProviderSignOut = { name: string; signOutUrl: string };

/** Signs out; answers the provider to offer signing out of too, for a session begun through one. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const offer = await api<{ provider: ProviderSignOut | null }>("/auth/oidc/sign-out").catch(() => ({ provider: null }));
      // No session (it had ended already): signed out all the same.
      await api<void>("/auth/logout", { method: "POST", body: {} }).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      });
      return offer.provider;
    },
    onSettled: () => {
      // The header hears of it first: a page that stays (the provider's sign-out offered) shows nobody signed in.
      queryClient.setQueryData(SESSION_KEY, null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}
