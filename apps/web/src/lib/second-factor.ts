import type { SecondFactorStatus } from "@quarterly-returns/shared/second-factor";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api-client.ts";

export const SECOND_FACTOR_KEY = ["second-factor"] as const;

/** Whether the signed-in person has an authenticator app set up (the sign-off page asks for its code then). */
export function useSecondFactorStatus() {
  return useQuery({ queryKey: SECOND_FACTOR_KEY, queryFn: () => api<SecondFactorStatus>("/auth/second-factor") });
}
