import { can, type Permission, type SessionUser } from "@quarterly-returns/shared";
import { useQuery } from "@tanstack/react-query";
import { api, ApiError } from "./api-client.ts";

export const SESSION_KEY = ["session"] as const;

/** The signed-in person, or null. Every 401 anywhere sets it to null (see App.tsx). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        return (await api<{ user: SessionUser }>("/me")).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Where a person lands after signing in: the first of these they may use. */
const HOMES: [Permission, string][] = [
  ["enterFigures", "/returns"],
  ["manageQuarters", "/quarters"],
  ["readCompleteness", "/completeness"],
];

export const homeFor = (user: SessionUser) => HOMES.find(([permission]) => can(user, permission))?.[1] ?? "/report";
