import type { CreateUserInput, TemporaryPasswordIssued, UpdateUser, UserSummary } from "@quarterly-returns/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

const USERS_KEY = ["users"] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: async () => (await api<{ users: UserSummary[] }>("/users")).users });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: CreateUserInput) => api<TemporaryPasswordIssued>("/users", { method: "POST", body: user }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: UpdateUser) => (await api<{ user: UserSummary }>(`/users/${id}`, { method: "PATCH", body: changes })).user,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useResetPassword(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<TemporaryPasswordIssued>(`/users/${id}/reset-password`, { method: "POST", body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
