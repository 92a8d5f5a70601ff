import type { Organisation } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api-client.ts";

export const ORGANISATIONS_KEY = ["organisations"] as const;

export function useOrganisations() {
  return useQuery({
    queryKey: ORGANISATIONS_KEY,
    queryFn: async () => (await api<{ organisations: Organisation[] }>("/organisations")).organisations,
  });
}
