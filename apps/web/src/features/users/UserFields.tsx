import { ROLE_NAMES, ROLES, type Role } from "@quarterly-returns/shared";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Radios } from "../../components/Radios.tsx";
import { Select } from "../../components/Select.tsx";
import { useOrganisations } from "../../lib/organisations.ts";

export interface RoleFormValues {
  role: Role;
  organisationId: number | null;
}

/** The organisation select's value ("" or an id) as the API wants it. */
export const organisationIdOf = (value: string | number | null) => (value === "" || value === null ? null : Number(value));

const ROLE_HINTS: Record<Role, string> = {
  DATA_OWNER: "Submits their organisation's figures",
  MANAGER: "Sees who is missing what, chases, raises queries, reads the report",
  ADMIN: "Signs quarters off, manages the framework, users and organisations",
};

/** The role radios, with the organisation revealed under "Data owner". */
export function RoleFields({
  roleInput,
  organisationInput,
  role,
  errors,
}: {
  roleInput: UseFormRegisterReturn;
  organisationInput: UseFormRegisterReturn;
  role: Role | undefined;
  errors: { role?: string | undefined; organisationId?: string | undefined };
}) {
  const organisations = useOrganisations();
  return (
    <Radios
      id="role"
      legend="Role"
      error={errors.role}
      selected={role}
      options={ROLES.map((value) => ({
        value,
        label: ROLE_NAMES[value],
        hint: ROLE_HINTS[value],
        conditional:
          value === "DATA_OWNER" ? (
            <Select
              id="organisationId"
              label="Organisation"
              hint="They will see and submit only this organisation's returns"
              error={errors.organisationId}
              options={[{ value: "", label: "Choose an organisation" }, ...(organisations.data ?? []).map((organisation) => ({ value: organisation.id, label: organisation.name }))]}
              {...organisationInput}
            />
          ) : undefined,
      }))}
      {...roleInput}
    />
  );
}
