import { z } from "./zod.ts";
import { emailSchema, sessionUserSchema } from "./auth.ts";
import { ROLES, type Role } from "./enums.ts";
import { idValue } from "./http.ts";
import { oneLine, optionalReason } from "./text.ts";

export const ROLE_NAMES: Record<Role, string> = {
  DATA_OWNER: "Data owner",
  MANAGER: "Community safety manager",
  ADMIN: "Admin",
};

const nameSchema = z.string({ error: "Enter the person's name" }).check(
  z.trim(),
  z.minLength(1, { error: "Enter the person's name" }),
  z.maxLength(120, { error: "Name must be 120 characters or fewer" }),
  oneLine("Name"),
);
const roleSchema = z.enum(ROLES, { error: "Choose a role" });
const organisationIdSchema = z.nullable(idValue("Choose an organisation"));

export const createUserSchema = z
  .strictObject({ name: nameSchema, email: emailSchema, role: roleSchema, organisationId: z._default(organisationIdSchema, null) })
  .check(
    z.refine((user) => user.role !== "DATA_OWNER" || Boolean(user.organisationId), {
      error: "Choose the organisation whose figures they submit",
      path: ["organisationId"],
    }),
  );
export type CreateUser = z.output<typeof createUserSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: z.optional(nameSchema),
    role: z.optional(roleSchema),
    organisationId: z.optional(organisationIdSchema),
    active: z.optional(z.boolean()),
    /** Why the account is being deactivated: required then, and kept in the audit log. */
    reason: optionalReason,
  })
  .check(z.refine((user) => Object.keys(user).length > 0, { error: "Say what to change" }));
export type UpdateUser = z.output<typeof updateUserSchema>;

export const userSummarySchema = z.extend(z.omit(sessionUserSchema, { mustEnrolSecondFactor: true }), {
  active: z.boolean(),
  lastSignInAt: z.nullable(z.string()),
  /** Whether they have set up an authenticator app. */
  secondFactor: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** Answered once, when a user is created or their password reset: the admin passes it on. */
export const temporaryPasswordIssuedSchema = z.object({ user: userSummarySchema, temporaryPassword: z.string() });
export type TemporaryPasswordIssued = z.infer<typeof temporaryPasswordIssuedSchema>;
