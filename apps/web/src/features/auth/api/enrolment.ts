import type { ConfirmEnrolment, Enrolled, Enrolment } from "@quarterly-returns/shared/second-factor";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";
import { SECOND_FACTOR_KEY } from "../../../lib/second-factor.ts";
import { SESSION_KEY } from "../../../lib/session.ts";

/** The key to add to an authenticator app: the server gives the same one until a code confirms it. */
export function useEnrolment() {
  return useQuery({
    queryKey: ["second-factor-enrolment"],
    queryFn: () => api<Enrolment>("/auth/second-factor/enrolment", { method: "POST", body: {} }),
    staleTime: Infinity,
    retry: false,
  });
}

export function useConfirmEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: ConfirmEnrolment) => api<Enrolled>("/auth/second-factor/enrolment/confirm", { method: "POST", body: form }),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(SESSION_KEY, user);
      void queryClient.invalidateQueries({ queryKey: SECOND_FACTOR_KEY });
    },
  });
}
