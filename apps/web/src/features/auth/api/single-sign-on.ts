import type { SignInProvider } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

/** The single sign-on providers the sign-in page offers. */
export function useSignInProviders() {
  return useQuery({ queryKey: ["sign-in-providers"], queryFn: () => api<SignInProvider[]>("/auth/oidc/providers"), staleTime: 5 * 60_000 });
}
