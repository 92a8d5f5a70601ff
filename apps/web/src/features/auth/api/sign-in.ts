import type { SignIn } from "@quarterly-returns/shared";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  role: string;
}

export function useSignIn() {
  return useMutation({
    mutationFn: (credentials: SignIn) => api<{ user: SignedInUser }>("/auth/login", { method: "POST", body: credentials }),
  });
}
