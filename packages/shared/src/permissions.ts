// Who may do what: the one table the API enforces and the web app follows (its menus and pages
// ask `can(user, …)` instead of naming roles). What a data owner may see of other organisations'
// returns is a rule on rows, applied in every query by the API (apps/api/src/core/access.ts).
import type { Role } from "./enums.ts";

export const PERMISSIONS = {
  /** Enter and submit their own organisation's returns, and answer queries on them. */
  enterFigures: ["DATA_OWNER"],
  /** Read every organisation's returns, restricted ones too. */
  readEveryReturn: ["MANAGER", "ADMIN"],
  /** The quarter's completeness, timeliness and follow-ups. */
  readCompleteness: ["MANAGER", "ADMIN"],
  recordNotProvided: ["MANAGER", "ADMIN"],
  chase: ["MANAGER", "ADMIN"],
  raiseQueries: ["MANAGER", "ADMIN"],
  readAudit: ["MANAGER", "ADMIN"],
  readOrganisations: ["MANAGER", "ADMIN"],
  readReport: ["DATA_OWNER", "MANAGER", "ADMIN"],
  /** Due dates, opening, signing off and reopening quarters; starting a year. */
  manageQuarters: ["ADMIN"],
  manageFramework: ["ADMIN"],
  importReports: ["ADMIN"],
  manageUsers: ["ADMIN"],
  manageOrganisations: ["ADMIN"],
  /** The partnership's name on the board pack, and the single sign-on providers. */
  manageSettings: ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether someone in this role may do it. Nobody signed in may do nothing. */
export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  return user ? (PERMISSIONS[permission] as readonly Role[]).includes(user.role) : false;
}
