import { zodResolver } from "@hookform/resolvers/zod";
import { organisationSchema, type Organisation, type OrganisationChanges } from "@quarterly-returns/shared";
import { useForm, type Resolver } from "react-hook-form";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { useOrganisations } from "../../lib/organisations.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSaveOrganisation } from "./api/organisations.ts";

/** Adds an organisation (/organisations/new) or edits one (/organisations/:id). */
export function OrganisationPage() {
  const { id } = useParams();
  const organisations = useOrganisations();
  if (id === "new") return <OrganisationForm organisation={null} />;
  if (organisations.isPending) return <p className="govuk-body">Loading…</p>;
  const organisation = organisations.data?.find((candidate) => candidate.id === Number(id));
  if (!organisation) return <p className="govuk-body">There is no such organisation.</p>;
  return <OrganisationForm key={organisation.id} organisation={organisation} />;
}

interface OrganisationForm {
  name: string;
  shortName: string;
  contactName: string;
  contactEmail: string;
}

function OrganisationForm({ organisation }: { organisation: Organisation | null }) {
  usePageTitle(organisation ? organisation.name : "Add an organisation");
  const save = useSaveOrganisation(organisation?.id ?? null);
  const navigate = useNavigate();
  const { register, handleSubmit, formState } = useForm<OrganisationForm, unknown, OrganisationChanges>({
    // The form holds text boxes; the schema also accepts what API clients send (null, absent).
    resolver: zodResolver(organisationSchema) as unknown as Resolver<OrganisationForm, unknown, OrganisationChanges>,
    defaultValues: {
      name: organisation?.name ?? "",
      shortName: organisation?.shortName ?? "",
      contactName: organisation?.contactName ?? "",
      contactEmail: organisation?.contactEmail ?? "",
    },
    shouldFocusError: false,
  });
  const error = (field: keyof OrganisationForm) => fieldError(formState.errors, save.error, field);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/organisations" className="govuk-back-link">Back to organisations</Link>
        <ErrorSummary errors={summaryItems(formState.errors, save.error, "name")} />
        <h1 className="govuk-heading-l">{organisation ? organisation.name : "Add an organisation"}</h1>
        <form noValidate onSubmit={handleSubmit((values) => save.mutate(values, { onSuccess: () => navigate("/organisations") }))}>
          <TextInput id="name" label="Name" error={error("name")} {...register("name")} />
          <TextInput id="shortName" label="Short name" hint="Used where space is short, like YOT or CRC" className="govuk-input--width-10" error={error("shortName")} {...register("shortName")} />
          <TextInput id="contactName" label="Contact name (optional)" hint="The person chase reminders are addressed to" error={error("contactName")} {...register("contactName")} />
          <TextInput id="contactEmail" label="Contact email address (optional)" type="email" spellCheck={false} error={error("contactEmail")} {...register("contactEmail")} />
          <button type="submit" className="govuk-button" disabled={save.isPending}>
            {organisation ? "Save changes" : "Add organisation"}
          </button>
        </form>
      </div>
    </div>
  );
}
