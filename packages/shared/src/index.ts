export * from "./auth.ts";
export * from "./enums.ts";
export * from "./report-document.ts";
