import { prioritySchema, type PriorityInput } from "@quarterly-returns/shared";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useParams, useSearchParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useFramework, useSavePriority } from "./api/framework.ts";

/** Adds a priority (/framework/priorities/new?year=) or changes one. */
export function PriorityPage() {
  const { id } = useParams();
  const yearId = Number(useSearchParams()[0].get("year"));
  const framework = useFramework(yearId || undefined);
  if (id === "new") return <PriorityForm yearId={yearId} priority={null} />;
  const all = framework.data?.priorities;
  if (!yearId) return <FindYear id={Number(id)} />;
  if (!all) return <p className="govuk-body">Loading…</p>;
  const priority = all.find((candidate) => candidate.id === Number(id));
  return priority ? <PriorityForm key={priority.id} yearId={yearId} priority={priority} /> : <p className="govuk-body">There is no such priority.</p>;
}

/** Links from the framework page carry the year; without it, look the priority up in the latest year. */
function FindYear({ id }: { id: number }) {
  return <p className="govuk-body">Open this priority from the <Link to="/framework" className="govuk-link">framework</Link> (priority {id}).</p>;
}

function PriorityForm({ yearId, priority }: { yearId: number; priority: { id: number; number: number; title: string; outcome: string; locked: boolean } | null }) {
  usePageTitle(priority ? `Priority ${priority.number}` : "Add a priority");
  const save = useSavePriority(priority ? { id: priority.id } : { yearId });
  const navigate = useNavigate();
  const { register, handleSubmit, formState } = useForm<PriorityInput>({
    resolver: zodResolver(prioritySchema),
    defaultValues: { number: priority?.number ?? ("" as never), title: priority?.title ?? "", outcome: priority?.outcome ?? "" },
    shouldFocusError: false,
  });
  const error = (field: keyof PriorityInput) => fieldError(formState.errors, save.error, field);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/framework?year=${yearId}`} className="govuk-back-link">Back to the framework</Link>
        <ErrorSummary errors={summaryItems(formState.errors, save.error, "title")} />
        <h1 className="govuk-heading-l">{priority ? `Priority ${priority.number}` : "Add a priority"}</h1>
        {priority?.locked && (
          <div className="govuk-inset-text">This priority is in the report of signed-off quarters, so its wording is fixed while they stay signed off. Change it in next year's framework.</div>
        )}
        <form noValidate onSubmit={handleSubmit((values) => save.mutate(values, { onSuccess: () => navigate(`/framework?year=${yearId}`) }))}>
          <fieldset className="govuk-fieldset" disabled={priority?.locked}>
            <TextInput id="number" label="Number" inputMode="numeric" className="govuk-input--width-3" error={error("number")} {...register("number")} />
            <TextInput id="title" label="Title" error={error("title")} {...register("title")} />
            <div className={`govuk-form-group${error("outcome") ? " govuk-form-group--error" : ""}`}>
              <label className="govuk-label" htmlFor="outcome">Outcome</label>
              {error("outcome") && <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {error("outcome")}</p>}
              <textarea id="outcome" className="govuk-textarea" rows={3} {...register("outcome")} />
            </div>
            <button type="submit" className="govuk-button" disabled={save.isPending}>{priority ? "Save changes" : "Add priority"}</button>
          </fieldset>
        </form>
      </div>
    </div>
  );
}
