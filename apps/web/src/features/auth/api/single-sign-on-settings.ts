import type { Provider, ProviderInput } from "@quarterly-returns/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiError } from "../../../lib/api-client.ts";

const PROVIDERS_KEY = ["single-sign-on-providers"] as const;

export function useProviders() {
  return useQuery({ queryKey: PROVIDERS_KEY, queryFn: () => api<Provider[]>("/settings/single-sign-on") });
}

/** Adds a provider, or changes the one named by `id`. */
export function useSaveProvider(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: ProviderInput) =>
      api<Provider>(id ? `/settings/single-sign-on/${id}` : "/settings/single-sign-on", { method: id ? "PUT" : "POST", body: provider }).catch((error: unknown) => {
        throw error instanceof ApiError ? withDomainsTogether(error) : error;
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROVIDERS_KEY }),
  });
}

export function useRemoveProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/settings/single-sign-on/${id}`, { method: "DELETE", body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROVIDERS_KEY }),
  });
}

/** One domain's problem ("domains.1") belongs to the one box the form has for them all. */
function withDomainsTogether(error: ApiError): ApiError {
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, message]) => [field.startsWith("domains.") ? "domains" : field, message]));
  return new ApiError(error.status, error.message, fields, error.body);
}
