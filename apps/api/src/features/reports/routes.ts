import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ImportError, importReport } from "@quarterly-returns/db/import";
import { importReportSchema } from "@quarterly-returns/shared";
import { requirePermission } from "../../access/policy.ts";
import { HttpError } from "../../lib/http-error.ts";
import { reportCsv, reportTsv, reportXlsx } from "./exports.ts";
import { buildReport, reportJson } from "./service.ts";

const file = z.string().regex(/^\d+(\.(xlsx|csv|tsv))?$/, { error: "Ask for a year's id, optionally with .xlsx, .csv or .tsv" });

const JSON_TYPE = "application/json; charset=utf-8";
const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
} as const;

export async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/reports/:file",
    {
      schema: {
        params: z.object({ file }),
        tags: ["reports"],
        summary: "A year's report: JSON, or .xlsx, .csv (one row per indicator and quarter) or .tsv (the document's layout); restricted rows only for those allowed",
      },
    },
    async (request, reply) => {
      const [id, format] = request.params.file.split(".") as [string, keyof typeof TYPES | undefined];
      const yearId = Number(id);
      if (!format) return reply.type(JSON_TYPE).send(await reportJson(app.prisma, request, yearId));
      const report = await buildReport(app.prisma, request, yearId);
      const body = format === "xlsx" ? await reportXlsx(report) : format === "tsv" ? reportTsv(report) : await reportCsv(app.prisma, request, yearId);
      const name = `performance-report-${report.year.label.replace("/", "-")}.${format}`;
      return reply.header("content-type", TYPES[format]).header("content-disposition", `attachment; filename="${name}"`).send(body);
    },
  );
}

export async function reportImportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/reports/import",
    {
      onRequest: requirePermission("manageFramework"),
      bodyLimit: 5 * 1024 * 1024,
      schema: { body: importReportSchema, tags: ["reports"], summary: "Import a report in the document's layout into a year: all or nothing (admin)" },
    },
    async (request) => {
      try {
        return { summary: await importReport(app.prisma, request.body.text, { yearLabel: request.body.year, actorId: request.caller!.id, clientAddress: request.ip }) };
      } catch (error) {
        if (error instanceof ImportError) throw new HttpError(400, error.message, { problems: error.problems });
        throw error;
      }
    },
  );
}
