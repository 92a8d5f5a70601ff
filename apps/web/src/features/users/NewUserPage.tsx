import { zodResolver } from "@hookform/resolvers/zod";
import { createUserSchema, type CreateUser, type CreateUserInput } from "@quarterly-returns/shared";
import { useForm } from "react-hook-form";
import { Link } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useCreateUser } from "./api/users.ts";
import { TemporaryPassword } from "./TemporaryPassword.tsx";
import { organisationIdOf, RoleFields, type RoleFormValues } from "./UserFields.tsx";

type FormValues = RoleFormValues & { name: string; email: string };

export function NewUserPage() {
  usePageTitle("Add a user");
  const create = useCreateUser();
  const { register, handleSubmit, formState, watch, reset } = useForm<CreateUserInput, unknown, CreateUser>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: "", email: "", organisationId: null },
    shouldFocusError: false,
  });
  const error = (field: keyof FormValues) => fieldError(formState.errors, create.error, field);

  if (create.data) {
    return (
      <>
        <TemporaryPassword issued={create.data} heading={`${create.data.user.name} can now sign in`} />
        <p className="govuk-body">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => (create.reset(), reset())}>
            Add another user
          </button>
        </p>
        <p className="govuk-body">
          <Link to="/users" className="govuk-link">Back to users</Link>
        </p>
      </>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/users" className="govuk-back-link">Back to users</Link>
        <ErrorSummary errors={summaryItems(formState.errors, create.error, "name")} />
        <h1 className="govuk-heading-l">Add a user</h1>
        <form noValidate onSubmit={handleSubmit((user) => create.mutate(user))}>
          <TextInput id="name" label="Full name" autoComplete="off" error={error("name")} {...register("name")} />
          <TextInput id="email" label="Email address" type="email" autoComplete="off" spellCheck={false} error={error("email")} {...register("email")} />
          <RoleFields
            roleInput={register("role")}
            organisationInput={register("organisationId", { setValueAs: organisationIdOf })}
            role={watch("role")}
            errors={{ role: error("role"), organisationId: error("organisationId") }}
          />
          <button type="submit" className="govuk-button" disabled={create.isPending}>
            Add user
          </button>
        </form>
      </div>
    </div>
  );
}
