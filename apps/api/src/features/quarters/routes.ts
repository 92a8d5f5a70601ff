import {
  idParams,
  newYearSchema,
  quarterSummarySchema,
  reopenSchema,
  signOffSchema,
  signOffSummarySchema,
  updateQuarterSchema,
  createdYearSchema,
  yearOverviewSchema,
} from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { listQuarters } from "../../core/quarters/quarters.ts";
import { previewSignOff, reopen, signOff } from "../../core/quarters/sign-off.ts";
import { createYear, listYears, updateQuarter } from "../../core/quarters/years.ts";

const tags = ["quarters"];
const oneQuarter = z.object({ quarter: quarterSummarySchema });

export async function quartersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admin = { permission: "manageQuarters" } as const;

  app.get(
    "/api/quarters",
    { schema: { response: { 200: z.object({ quarters: z.array(quarterSummarySchema) }) }, tags, summary: "Every quarter, newest year first, with its status and due date" } },
    async (request) => ({ quarters: await listQuarters(request.context) }),
  );

  app.get(
    "/api/years",
    { config: admin, schema: { response: { 200: z.object({ years: z.array(yearOverviewSchema) }) }, tags, summary: "The years and their quarters with completeness and sign-off (admin)" } },
    async (request) => ({ years: await listYears(request.context) }),
  );

  app.post(
    "/api/years",
    {
      config: admin,
      schema: { body: newYearSchema, response: { 201: z.object({ year: createdYearSchema }) }, tags, summary: "Create the next year with its quarters, copying the framework (admin)" },
    },
    async (request, reply) => reply.code(201).send({ year: await createYear(request.context, request.body) }),
  );

  app.patch(
    "/api/quarters/:id",
    { config: admin, schema: { params: idParams, body: updateQuarterSchema, response: { 200: oneQuarter }, tags, summary: "Set the due date, or open a planned quarter for entry (admin)" } },
    async (request) => ({ quarter: await updateQuarter(request.context, request.params.id, request.body) }),
  );

  app.get(
    "/api/quarters/:id/sign-off",
    { config: admin, schema: { params: idParams, response: { 200: signOffSummarySchema }, tags, summary: "What signing off would do (admin)" } },
    async (request) => previewSignOff(request.context, request.params.id),
  );

  app.post(
    "/api/quarters/:id/close",
    {
      config: admin,
      schema: { params: idParams, body: signOffSchema, response: { 200: signOffSummarySchema }, tags, summary: "Sign off and lock the quarter; needs the admin's password and, when they have one, their authenticator's code (admin)" },
    },
    async (request) => signOff(request.context, request.params.id, request.body),
  );

  app.post(
    "/api/quarters/:id/reopen",
    { config: admin, schema: { params: idParams, body: reopenSchema, response: { 200: oneQuarter }, tags, summary: "Reopen a signed-off quarter, one organisation's returns or one return in it, with a reason (admin)" } },
    async (request) => ({ quarter: await reopen(request.context, request.params.id, request.body) }),
  );
}
