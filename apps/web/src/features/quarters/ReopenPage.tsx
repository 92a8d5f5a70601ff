import type { OrganisationRef, ReturnsList } from "@quarterly-returns/shared";
import { useState } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { Radios } from "../../components/Radios.tsx";
import { Select } from "../../components/Select.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useQuarters } from "../../lib/quarters.ts";
import { useReturns } from "../../lib/returns.ts";
import { useReopen } from "./api/years.ts";

type Part = "quarter" | "organisation" | "return";

/** The organisations with returns in the quarter, by name, and its returns in the framework's order. */
function choicesOf(list: ReturnsList | undefined) {
  const organisations = new Map<number, OrganisationRef>();
  for (const { indicator } of list?.items ?? []) organisations.set(indicator.owner.id, indicator.owner);
  return {
    organisations: [...organisations.values()].sort((a, b) => a.name.localeCompare(b.name)),
    returns: (list?.items ?? []).map(({ indicator }) => ({ value: indicator.id, label: `${indicator.ref ? `${indicator.ref} ` : ""}${indicator.title} (${indicator.owner.shortName})` })),
  };
}

/** Reopens a signed-off quarter, or one organisation's returns in it, or one return, with a reason. */
export function ReopenPage() {
  const id = Number(useParams().id);
  const quarter = useQuarters().data?.find((candidate) => candidate.id === id);
  usePageTitle(quarter ? `Reopen ${quarter.name}` : "Reopen");
  const choices = choicesOf(useReturns(id).data);
  const reopen = useReopen(id);
  const navigate = useNavigate();
  const [part, setPart] = useState<Part>();
  const [organisationId, setOrganisationId] = useState("");
  const [indicatorId, setIndicatorId] = useState("");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});

  const fields = { ...(reopen.error instanceof ApiError ? reopen.error.fields : {}), ...missing };
  const general = reopen.error && !Object.keys(fields).length ? reopen.error.message : undefined;
  const errors = [
    ...(general ? [{ href: "part", message: general }] : []),
    ...(["part", "organisationId", "indicatorId", "reason"] as const).flatMap((field) => (fields[field] ? [{ href: field, message: fields[field] }] : [])),
  ];

  const submit = () => {
    const chosen = { organisationId: part === "organisation" ? Number(organisationId) || undefined : undefined, indicatorId: part === "return" ? Number(indicatorId) || undefined : undefined };
    const problems: Record<string, string> = {};
    if (!part) problems.part = "Choose what needs to be reopened";
    if (part === "organisation" && !chosen.organisationId) problems.organisationId = "Choose the organisation whose returns are to be reopened";
    if (part === "return" && !chosen.indicatorId) problems.indicatorId = "Choose the return to reopen";
    setMissing(problems);
    if (Object.keys(problems).length) return;
    reopen.mutate({ reason, ...chosen }, { onSuccess: () => navigate("/quarters") });
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/quarters" className="govuk-back-link">Back to quarters</Link>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Reopen {quarter?.name}</h1>
        <p className="govuk-body">
          Data owners will be able to change the reopened returns again, and they will need signing off again. Returns recorded as “No data provided” at sign-off become
          outstanding again, so their owners can be reminded.
        </p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Radios
            id="part"
            name="part"
            legend="What needs to be reopened?"
            legendSize="m"
            error={fields.part ?? general}
            selected={part}
            onChange={(event) => setPart(event.target.value as Part)}
            options={[
              { value: "quarter", label: "The whole quarter", hint: "Every organisation can change its returns." },
              {
                value: "organisation",
                label: "One organisation’s returns",
                hint: "The rest of the quarter stays signed off.",
                conditional: (
                  <Select
                    id="organisationId"
                    label="Organisation"
                    value={organisationId}
                    error={fields.organisationId}
                    onChange={(event) => setOrganisationId(event.target.value)}
                    options={[{ value: "", label: "Choose an organisation" }, ...choices.organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))]}
                  />
                ),
              },
              {
                value: "return",
                label: "One return",
                hint: "Only this return can be changed.",
                conditional: (
                  <Select
                    id="indicatorId"
                    label="Return"
                    value={indicatorId}
                    error={fields.indicatorId}
                    className={`govuk-select govuk-!-width-full${fields.indicatorId ? " govuk-select--error" : ""}`}
                    onChange={(event) => setIndicatorId(event.target.value)}
                    options={[{ value: "", label: "Choose a return" }, ...choices.returns]}
                  />
                ),
              },
            ]}
          />
          <div className={`govuk-form-group${fields.reason ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="reason">Why is it being reopened?</label>
            <div className="govuk-hint" id="reason-hint">This is kept in the audit log and shown on the quarters page.</div>
            {fields.reason && <p className="govuk-error-message" id="reason-error"><span className="govuk-visually-hidden">Error:</span> {fields.reason}</p>}
            <textarea id="reason" className="govuk-textarea" rows={3} aria-describedby={`reason-hint${fields.reason ? " reason-error" : ""}`} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="govuk-button" disabled={reopen.isPending}>
            {part === "organisation" ? "Reopen their returns" : part === "return" ? "Reopen the return" : "Reopen the quarter"}
          </button>
        </form>
      </div>
    </div>
  );
}
