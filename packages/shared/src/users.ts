import { z } from "zod";
import { emailSchema, type OrganisationRef } from "./auth.ts";
import { ROLES, type Role } from "./enums.ts";

export const ROLE_NAMES: Record<Role, string> = {
  DATA_OWNER: "Data owner",
  MANAGER: "Community safety manager",
  ADMIN: "Admin",
};

const nameSchema = z
  .string({ error: "Enter the person's name" })
  .trim()
  .min(1, { error: "Enter the person's name" })
  .max(120, { error: "Name must be 120 characters or fewer" });
const roleSchema = z.enum(ROLES, { error: "Choose a role" });
const organisationIdSchema = z.number({ error: "Choose an organisation" }).int().positive().nullable();

const ownerNeedsOrganisation = <T extends { role?: Role | undefined; organisationId?: number | null | undefined }>(user: T) =>
  user.role !== "DATA_OWNER" || Boolean(user.organisationId);
const ORGANISATION_REQUIRED = { error: "Choose the organisation whose figures they submit", path: ["organisationId"] };

export const createUserSchema = z
  .strictObject({ name: nameSchema, email: emailSchema, role: roleSchema, organisationId: organisationIdSchema.default(null) })
  .refine(ownerNeedsOrganisation, ORGANISATION_REQUIRED);
export type CreateUser = z.output<typeof createUserSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: nameSchema.optional(),
    role: roleSchema.optional(),
    organisationId: organisationIdSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((user) => Object.keys(user).length > 0, { error: "Say what to change" });
export type UpdateUser = z.output<typeof updateUserSchema>;

export interface UserSummary {
  id: number;
  email: string;
  name: string;
  role: Role;
  organisation: OrganisationRef | null;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
}

/** Answered once, when a user is created or their password reset: the admin passes it on. */
export interface TemporaryPasswordIssued {
  user: UserSummary;
  temporaryPassword: string;
}
