import type { ReminderSchedule, SetReminderSchedule } from "@quarterly-returns/shared/reminders";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api-client.ts";

const scheduleKey = (quarterId: number) => ["reminder-schedule", quarterId] as const;

export function useReminderSchedule(quarterId: number) {
  return useQuery({
    queryKey: scheduleKey(quarterId),
    queryFn: ({ signal }) => api<ReminderSchedule>(`/quarters/${quarterId}/reminder-schedule`, { signal }),
    enabled: quarterId > 0,
  });
}

export function useSetReminderSchedule(quarterId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (schedule: SetReminderSchedule) => api<ReminderSchedule>(`/quarters/${quarterId}/reminder-schedule`, { method: "PUT", body: schedule }),
    onSuccess: (schedule) => queryClient.setQueryData(scheduleKey(quarterId), schedule),
  });
}
