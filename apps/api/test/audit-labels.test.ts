// Every action the server or the database writes to the audit log has words people read: the
// TypeScript side is held by the AuditAction type, but the database's triggers write actions in
// SQL, and a string cast past the type would slip through, so the sources themselves are read.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AUDIT_ACTIONS, auditActionLabel } from "@quarterly-returns/shared/audit-actions";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const AREAS = new Set(Object.keys(AUDIT_ACTIONS).map((action) => action.split(".")[0]));
/** A quoted `area.action-name`; counted as an action when its area is one the log has, or it follows `action`. */
const ACTION_SHAPED = /(action\W{1,40})?["'`]([a-z]+)\.([a-z]+(?:-[a-z]+)*)["'`]/g;

async function filesUnder(folder: string, extension: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(extension)).map((entry) => path.join(entry.parentPath, entry.name));
}

async function actionsWritten(): Promise<Set<string>> {
  const files = [...(await filesUnder("apps/api/src", ".ts")), ...(await filesUnder("prisma/migrations", ".sql"))];
  const found = new Set<string>();
  for (const file of files) {
    for (const [, afterAction, area, name] of (await readFile(file, "utf8")).matchAll(ACTION_SHAPED)) {
      if (afterAction || AREAS.has(area!)) found.add(`${area}.${name}`);
    }
  }
  return found;
}

describe("the audit log's words", () => {
  it("has a label for every action the code and the database write", async () => {
    const written = await actionsWritten();
    // The scan reaches both the services and the triggers.
    expect(written).toContain("return.submit");
    expect(written).toContain("quarter.changed-outside-app");
    const unlabelled = [...written].filter((action) => !(action in AUDIT_ACTIONS));
    expect(unlabelled).toEqual([]);
  });

  it("never shows a code, even for an action it does not know", () => {
    expect(auditActionLabel("auth.login")).toBe("Signed in");
    expect(auditActionLabel("return.not-provided-at-sign-off")).toBe("Recorded as not provided at sign-off");
    expect(auditActionLabel("something.else")).toBe("Other event");
    for (const label of Object.values(AUDIT_ACTIONS)) expect(label).not.toMatch(/^[a-z]+\.[a-z-]+$/);
  });
});
