export { isEmpty, seedDemo } from "./seed-demo.ts";
export * as demo from "./demo-data.ts";
