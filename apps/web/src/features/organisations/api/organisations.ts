import type { Organisation, OrganisationChanges } from "@quarterly-returns/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { ORGANISATIONS_KEY } from "../../../lib/organisations.ts";

/** Creates an organisation (no id) or changes one. */
export function useSaveOrganisation(id: number | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (organisation: OrganisationChanges) =>
      (
        await api<{ organisation: Organisation }>(id ? `/organisations/${id}` : "/organisations", {
          method: id ? "PUT" : "POST",
          body: organisation,
        })
      ).organisation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY }),
  });
}
