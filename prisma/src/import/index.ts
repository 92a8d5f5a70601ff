export { importReport, ImportError, type ImportOptions, type ImportSummary } from "./import-report.ts";
