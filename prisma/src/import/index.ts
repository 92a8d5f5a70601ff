export { importReport, ImportError, type ImportOptions } from "./import-report.ts";
