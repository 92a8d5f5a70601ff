import {
  chasePreviewResponseSchema,
  chasePreviewSchema,
  chaseRecordSchema,
  completenessSchema,
  idParam,
  idParams,
  londonDay,
  sendChaseSchema,
} from "@quarterly-returns/shared";
import { reminderScheduleSchema, setReminderScheduleSchema } from "@quarterly-returns/shared/reminders";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { listChases, previewChases, sendChase } from "../../core/chasing/chases.ts";
import { COMPLETENESS_TABLES, getCompleteness } from "../../core/chasing/completeness.ts";
import { getReminderSchedule, setReminderSchedule } from "../../core/chasing/schedule.ts";
import type {} from "../../plugins/reminders.ts";


const tags = ["chasing"];

export async function chasingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/quarters/:id/completeness",
    {
      // Kept until anything changes or the day does (lateness is counted in London's days).
      config: { permission: "readCompleteness", readCache: { tables: COMPLETENESS_TABLES, vary: () => londonDay() } },
      schema: {
        params: idParams,
        response: { 200: completenessSchema },
        tags,
        summary: "Who has sent what, completeness and timeliness, last chases and expected dates (manager, admin)",
      },
    },
    async (request) => getCompleteness(request.context, request.params.id),
  );

  app.post(
    "/api/chases/preview",
    {
      config: { permission: "chase" },
      schema: { body: chasePreviewSchema, response: { 200: z.object({ chases: z.array(chasePreviewResponseSchema) }) }, tags, summary: "The reminders that would be sent, to one organisation or to all overdue (manager, admin)" },
    },
    async (request) => ({ chases: await previewChases(request.context, request.body) }),
  );

  app.post(
    "/api/chases",
    {
      config: { permission: "chase" },
      schema: { body: sendChaseSchema, response: { 201: z.object({ chase: chaseRecordSchema }) }, tags, summary: "Chase an organisation: email and record the reminder (manager, admin)" },
    },
    async (request, reply) => reply.code(201).send({ chase: await sendChase(request.context, request.body) }),
  );

  app.get(
    "/api/chases",
    {
      config: { permission: "chase" },
      schema: {
        querystring: z.strictObject({ quarterId: idParam, organisationId: z.optional(idParam) }),
        response: { 200: z.object({ chases: z.array(chaseRecordSchema) }) },
        tags,
        summary: "Chase history (manager, admin)",
      },
    },
    async (request) => ({ chases: await listChases(request.context, request.query) }),
  );

  app.get(
    "/api/quarters/:id/reminder-schedule",
    {
      config: { permission: "chase" },
      schema: { params: idParams, response: { 200: reminderScheduleSchema }, tags, summary: "The days a quarter's automatic reminders go out, and what each did (manager, admin)" },
    },
    async (request) => getReminderSchedule(request.context, request.params.id, app.automaticReminders),
  );

  app.put(
    "/api/quarters/:id/reminder-schedule",
    {
      config: { permission: "chase" },
      schema: { params: idParams, body: setReminderScheduleSchema, response: { 200: reminderScheduleSchema }, tags, summary: "Set the days a quarter's automatic reminders go out (manager, admin)" },
    },
    async (request) => setReminderSchedule(request.context, request.params.id, request.body, app.automaticReminders),
  );
}
