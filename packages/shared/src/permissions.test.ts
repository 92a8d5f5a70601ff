import { describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "./permissions.ts";

describe("who may do what", () => {
  it("gives each role its own work, and nobody signed in nothing", () => {
    expect(can({ role: "DATA_OWNER" }, "enterFigures")).toBe(true);
    expect(can({ role: "DATA_OWNER" }, "chase")).toBe(false);
    expect(can({ role: "MANAGER" }, "chase")).toBe(true);
    expect(can({ role: "MANAGER" }, "manageQuarters")).toBe(false);
    expect(can({ role: "ADMIN" }, "manageQuarters")).toBe(true);
    expect(can({ role: "ADMIN" }, "enterFigures")).toBe(false);
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can(null, permission)).toBe(false);
  });
});
