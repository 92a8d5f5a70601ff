import { IMPORT_LIMITS, importFileTooLarge, importReportSchema, importSummarySchema, MAX_ID, reportSchema } from "@quarterly-returns/shared";
import { boardPackSummarySchema } from "@quarterly-returns/shared/board-pack";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { ServiceError } from "../../core/errors.ts";
import { ImportError, importReport } from "../../core/imports/import-report.ts";
import { buildBoardPack } from "../../core/reports/board-pack.ts";
import { reportCsv, reportTsv, reportXlsx } from "../../core/reports/exports.ts";
import { figureRows } from "../../core/reports/figures.ts";
import { boardPackPdf } from "../../core/reports/pdf.ts";
import { buildReport, REPORT_TABLES } from "../../core/reports/report.ts";

const tags = ["reports"];
const file = z.string().check(z.regex(/^\d{1,10}(\.(xlsx|csv|tsv|pdf))?$/));
const throughQuarter = z.optional(
  z.coerce.number().check(z.int({ error: "must be a quarter from 1 to 4" }), z.gte(1, { error: "must be a quarter from 1 to 4" }), z.lte(4, { error: "must be a quarter from 1 to 4" })),
);

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  pdf: "application/pdf",
} as const;

/** "12" or "12.csv" → the year and the format (none: JSON). */
function parseFile(name: string) {
  const [id, format] = name.split(".") as [string, keyof typeof TYPES | undefined];
  const yearId = Number(id);
  if (yearId < 1 || yearId > MAX_ID) throw new ServiceError(404, "There is no such year.");
  return { yearId, format };
}

export async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/reports/:file",
    {
      // The JSON is kept as sent; the files are written from the kept report.
      config: { permission: "readReport", readCache: { tables: REPORT_TABLES, vary: (request) => (/\./.test((request.params as { file: string }).file) ? null : "") } },
      schema: {
        params: z.object({ file }),
        querystring: z.strictObject({ quarter: throughQuarter }),
        response: {
          200: {
            description: "The report: JSON, or a file",
            content: {
              "application/json": { schema: reportSchema },
              [TYPES.xlsx]: { schema: z.string() },
              [TYPES.csv]: { schema: z.string() },
              [TYPES.tsv]: { schema: z.string() },
              [TYPES.pdf]: { schema: z.string() },
            },
          },
        },
        tags,
        summary:
          "A year's report (?quarter=N: as it stood at the end of quarter N): JSON, or .xlsx (the document's layout, and a Figures sheet), .csv (the figures: one row per indicator, quarter and field), .tsv (the document's layout) or .pdf (the board pack: cover, summary and report, A4 landscape); restricted rows only for those allowed",
      },
    },
    async (request, reply) => {
      const { yearId, format } = parseFile(request.params.file);
      const scope = { yearId, throughQuarter: request.query.quarter };
      const report = await buildReport(request.context, scope);
      if (!format) return reply.type("application/json; charset=utf-8").send(report);
      const body =
        format === "tsv"
          ? reportTsv(report)
          : format === "xlsx"
            ? await reportXlsx(report, await figureRows(request.context, scope))
            : format === "pdf"
              ? await boardPackPdf(await buildBoardPack(request.context, scope))
              : reportCsv(await figureRows(request.context, scope));
      const name = `performance-report-${report.year.label.replace("/", "-")}${scope.throughQuarter ? `-q${scope.throughQuarter}` : ""}.${format}`;
      // The schemas type the text answers; a workbook's bytes go out as they are.
      return reply.header("content-type", TYPES[format]).header("content-disposition", `attachment; filename="${name}"`).send(body as unknown as string);
    },
  );

  app.get(
    "/api/reports/:file/board-pack",
    {
      config: { permission: "readReport" },
      schema: {
        params: z.object({ file: z.string().check(z.regex(/^\d{1,10}$/)) }),
        querystring: z.strictObject({ quarter: throughQuarter }),
        response: { 200: boardPackSummarySchema },
        tags,
        summary: "The board pack's cover and summary page for a year's report (?quarter=N: as it stood at the end of quarter N), without the report itself; restricted rows only for those allowed",
      },
    },
    async (request) => {
      const { yearId } = parseFile(request.params.file);
      const { report: _report, ...pack } = await buildBoardPack(request.context, { yearId, throughQuarter: request.query.quarter });
      return pack;
    },
  );

  app.post(
    "/api/reports/import",
    {
      config: { permission: "importReports", bodyTooLarge: importFileTooLarge },
      // The file as JSON text: every tab, line break and quote escaped, so up to twice its size.
      bodyLimit: 2 * IMPORT_LIMITS.bytes + 1024,
      schema: { body: importReportSchema, response: { 200: z.object({ summary: importSummarySchema }) }, tags, summary: `Import a report in the document's layout into a year: all or nothing, at most ${IMPORT_LIMITS.lines.toLocaleString("en-GB")} lines and ${IMPORT_LIMITS.bytes / 2 ** 20} MB (admin)` },
    },
    async (request) => {
      try {
        return { summary: await importReport(request.context, request.body.text, request.body.year) };
      } catch (error) {
        if (error instanceof ImportError) throw new ServiceError(400, error.message, { problems: error.problems });
        throw error;
      }
    },
  );
}
