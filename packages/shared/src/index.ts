export * from "./auth.ts";
export * from "./enums.ts";
export * from "./figures.ts";
export * from "./organisations.ts";
export * from "./report-document.ts";
export * from "./returns.ts";
export * from "./users.ts";
export * from "./states.ts";
