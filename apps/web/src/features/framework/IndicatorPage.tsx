import { zodResolver } from "@hookform/resolvers/zod";
import { DEFAULT_MAX_CHANGE_FACTOR, DEFAULT_MAX_CHANGE_POINTS, FIELD_KIND_MODULES, FIELD_KINDS, formatFigure, indicatorSchema, KIND_LIMITS, PERIOD_BASES, PERIOD_BASIS_NAMES, POLARITIES, quarterRange, type FieldKind, type FrameworkIndicator, type IndicatorChanges, type IndicatorInput, type Organisation } from "@quarterly-returns/shared";
import { useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { Link, useNavigate, useParams, useSearchParams } from "../../lib/router.tsx";
import { ConfirmWithReason } from "../../components/ConfirmWithReason.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { Select } from "../../components/Select.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { useOrganisations } from "../../lib/organisations.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useDeleteIndicator, useFramework, useSaveIndicator } from "./api/framework.ts";

/** What an empty limit means for this kind of field. */
function limitHint(kind: FieldKind = "COUNT", end: "min" | "max"): string {
  const limit = KIND_LIMITS[kind][end];
  if (limit !== null) return `Leave empty for ${formatFigure(limit)}`;
  if (kind === "PERCENT") return `Leave empty for ${end === "min" ? "0%" : "100%"}`;
  return kind === "RANK" ? `Leave empty for ${end === "min" ? "1" : "its \"out of\""}` : "A text field has no limits";
}

function changeHint(kind: FieldKind = "COUNT"): string {
  if (kind === "PERCENT") return `Percentage points up or down on the previous quarter or the same quarter last year. Leave empty for ${DEFAULT_MAX_CHANGE_POINTS}`;
  return `A number of times: 3 asks about a figure more than 3 times, or less than a third of, the previous quarter's or last year's. Leave empty for ${DEFAULT_MAX_CHANGE_FACTOR}`;
}

const POLARITY_NAMES = { HIGHER_IS_BETTER: "Higher is better", LOWER_IS_BETTER: "Lower is better", NEUTRAL: "Neither" } as const;

/** Adds an indicator to a priority (/framework/priorities/:priorityId/indicators/new) or edits one. */
export function IndicatorPage() {
  const { id, priorityId } = useParams();
  const yearId = Number(useSearchParams()[0].get("year"));
  const framework = useFramework(yearId || undefined);
  // The form sets the owner once, when it first shows: the organisations to choose from must be there by then.
  const organisations = useOrganisations();
  if (!framework.data || !organisations.data) {
    return <p className="govuk-body">{framework.isLoading || organisations.isLoading ? "Loading…" : "Open the indicator from the framework page."}</p>;
  }
  const common = { yearId, yearLabel: framework.data.year.label, organisations: organisations.data };
  if (priorityId) return <IndicatorForm {...common} priorityId={Number(priorityId)} indicator={null} />;
  const indicator = framework.data.priorities.flatMap((priority) => priority.indicators).find((candidate) => candidate.id === Number(id));
  return indicator ? <IndicatorForm key={indicator.id} {...common} priorityId={null} indicator={indicator} /> : <p className="govuk-body">There is no such indicator.</p>;
}

/** The indicator as saved, as the form and the API take it. */
function savedValues(indicator: FrameworkIndicator): IndicatorInput {
  return {
    ref: indicator.ref ?? "",
    title: indicator.title,
    ownerOrganisationId: indicator.owner.id,
    leadContact: indicator.leadContact ?? "",
    restricted: indicator.restricted,
    polarity: indicator.polarity,
    target: indicator.target ?? "",
    headlineFieldKey: indicator.headlineFieldKey ?? "",
    periodBasis: indicator.periodBasis,
    periodLagMonths: indicator.periodLagMonths,
    sortOrder: indicator.sortOrder,
    retired: indicator.retired,
    fields: indicator.fields.map(({ values: _values, ...field }) => field),
  };
}

function IndicatorForm({ yearId, yearLabel, organisations, priorityId, indicator }: { yearId: number; yearLabel: string; organisations: Organisation[]; priorityId: number | null; indicator: FrameworkIndicator | null }) {
  const name = indicator ? `${indicator.ref ?? ""} ${indicator.title}`.trim() : "Add an indicator";
  const [confirmingRetirement, setConfirmingRetirement] = useState(false);
  usePageTitle(confirmingRetirement ? `Retire ${name}` : name);
  const save = useSaveIndicator(indicator ? { id: indicator.id } : { priorityId: priorityId! });
  const retire = useSaveIndicator({ id: indicator?.id ?? 0 });
  const remove = useDeleteIndicator(indicator?.id ?? 0);
  const navigate = useNavigate();
  const back = `/framework?year=${yearId}`;
  const { register, handleSubmit, formState, control, getValues } = useForm<IndicatorInput, unknown, IndicatorChanges>({
    resolver: zodResolver(indicatorSchema),
    // A new indicator has no place yet: the API puts it after the last of its priority.
    defaultValues: indicator
      ? savedValues(indicator)
      : { ref: "", title: "", leadContact: "", restricted: false, polarity: "NEUTRAL", target: "", headlineFieldKey: "", periodBasis: "QUARTER", periodLagMonths: 0, retired: false, fields: [] },
    shouldFocusError: false,
  });
  const fields = useFieldArray({ control, name: "fields" });
  const watchedFields = useWatch({ control, name: "fields" }) ?? [];
  const kinds = watchedFields.map((field) => field?.kind ?? "COUNT");
  const error = (field: string) => fieldError(formState.errors, save.error, field) ?? nestedError(formState.errors, field);
  // In a signed-off quarter's report: its wording, owner and fields stay as that report showed them.
  const fixedBy = indicator?.fixedBySignedOffQuarters ?? [];
  const locked = fixedBy.length > 0;
  const submit = (changes: Partial<IndicatorInput>) =>
    handleSubmit((values) => save.mutate({ ...values, ...changes }, { onSuccess: () => navigate(back) }));

  if (indicator && confirmingRetirement) {
    return (
      <ConfirmWithReason
        title={`Retire ${name}?`}
        reasonLabel="Why are you retiring this indicator?"
        action="Retire indicator"
        pending={retire.isPending}
        problem={retire.error}
        onConfirm={(reason) => retire.mutate({ ...savedValues(indicator), retired: true, reason }, { onSuccess: () => navigate(back) })}
        onCancel={() => {
          retire.reset();
          setConfirmingRetirement(false);
        }}
      >
        <p className="govuk-body">
          {indicator.owner.name} will no longer be asked for it, from the open quarter on. The returns it already has stay, and so do the reports that show them.
          You can reinstate it later.
        </p>
      </ConfirmWithReason>
    );
  }

  return (
    <>
      <Link to={back} className="govuk-back-link">Back to the framework</Link>
      <ErrorSummary errors={summaryItems(formState.errors, save.error ?? remove.error, "title")} />
      <h1 className="govuk-heading-l">{indicator ? `${indicator.ref ?? ""} ${indicator.title}`.trim() : "Add an indicator"}</h1>
      {indicator?.retired && <div className="govuk-inset-text">This indicator is retired: it is no longer asked for, and stays in the quarters that have its returns.</div>}
      {indicator && indicator.firstQuarter > 1 && <p className="govuk-body">Reported from Q{indicator.firstQuarter} {yearLabel}: it was added after the quarters before were signed off.</p>}
      {locked && (
        <div className="govuk-inset-text">
          This indicator is in the signed-off {quarterRange(fixedBy)} {yearLabel} report, so its wording, owner and fields are fixed while those quarters
          stay signed off: their report must not change. You can add fields for the open quarters, retire fields or the indicator, and change what is required and
          the expected ranges. Change the rest in next year's framework.
        </div>
      )}
      <form noValidate onSubmit={submit({})}>
        <fieldset className="govuk-fieldset" disabled={locked}>
          <TextInput id="ref" label="Ref (optional)" hint="Like 4.2; leave it empty for another line under the ref above" className="govuk-input--width-5" error={error("ref")} {...register("ref")} />
          <TextInput id="title" label="What it monitors" error={error("title")} {...register("title")} />
          <Select
            id="ownerOrganisationId"
            label="Owner"
            hint="Its data owners submit the returns"
            error={error("ownerOrganisationId")}
            options={[{ value: "", label: "Choose an organisation" }, ...organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))]}
            {...register("ownerOrganisationId", { setValueAs: (value: string | number) => (value === "" ? undefined : Number(value)) })}
          />
          <TextInput id="leadContact" label="Lead contact (optional)" hint="As the report names them, like Zoe Green" error={error("leadContact")} {...register("leadContact")} />
          <Select id="polarity" label="Which way is better?" options={POLARITIES.map((value) => ({ value, label: POLARITY_NAMES[value] }))} error={error("polarity")} {...register("polarity")} />
          <TextInput id="target" label="Target (optional)" hint="For the RAG status, on the headline field" inputMode="decimal" className="govuk-input--width-10" error={error("target")} {...register("target")} />
          <Select
            id="headlineFieldKey"
            label="Headline figure (optional)"
            hint="The figure the trend arrow and the target follow. Add the indicator's fields below to choose from them"
            error={error("headlineFieldKey")}
            options={[
              { value: "", label: "None" },
              ...watchedFields.filter((field) => field?.key).map((field) => ({ value: field!.key!, label: `${field!.label || field!.key!}${field!.retired ? " (retired)" : ""}` })),
            ]}
            {...register("headlineFieldKey")}
          />
          {indicator && (
            <TextInput id="sortOrder" label="Order in the priority" inputMode="numeric" className="govuk-input--width-3" error={error("sortOrder")} {...register("sortOrder", { valueAsNumber: true })} />
          )}
          <div className="govuk-checkboxes govuk-!-margin-bottom-6">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="restricted" type="checkbox" {...register("restricted")} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="restricted">Restricted: only its organisation, managers and admins see it</label>
            </div>
          </div>
        </fieldset>

        {/* Returns keep the period they recorded, so this may change whatever was signed off. */}
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">The period its figures cover</h2>
          </legend>
          <Select
            id="periodBasis"
            label="Each quarter's figures cover"
            hint="Each return says the period it covers, filled in from this; the owner can change it"
            options={PERIOD_BASES.map((value) => ({ value, label: PERIOD_BASIS_NAMES[value] }))}
            error={error("periodBasis")}
            {...register("periodBasis")}
          />
          <TextInput
            id="periodLagMonths"
            label="How many months behind the quarter the figures usually are"
            hint="0 when they are up to the quarter's end; 3 when the latest figures stop 3 months earlier"
            inputMode="numeric"
            className="govuk-input--width-3"
            error={error("periodLagMonths")}
            {...register("periodLagMonths")}
          />
        </fieldset>

        <h2 className="govuk-heading-m">Fields</h2>
        <p className="govuk-body">What each return asks for. An indicator with no fields takes a commentary only.</p>
        {fields.fields.map((row, index) => {
          const existing = indicator?.fields.find((field) => field.key === row.key);
          const holdsFigures = (existing?.values ?? 0) > 0;
          const fixed = holdsFigures || (locked && Boolean(existing));
          const at = (name: string) => `fields.${index}.${name}`;
          return (
            <fieldset key={row.id} className="govuk-fieldset app-field-editor" data-testid={`field-${row.key || index}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                Field {index + 1}{row.key ? `: ${row.key}` : ""}
                {fixed && <span className="govuk-body-s"> ({holdsFigures ? `holds ${existing!.values} figures` : "in a signed-off report"}: retire it to change its definition)</span>}
              </legend>
              <div className="app-field-editor__grid">
                <TextInput id={at("key")} label="Key" readOnly={Boolean(existing)} error={error(at("key"))} {...register(`fields.${index}.key`)} />
                <TextInput id={at("label")} label="Label" readOnly={fixed} error={error(at("label"))} {...register(`fields.${index}.label`)} />
                <Select id={at("kind")} label="Kind" disabled={fixed} options={FIELD_KINDS.map((value) => ({ value, label: FIELD_KIND_MODULES[value].name }))} error={error(at("kind"))} {...register(`fields.${index}.kind`)} />
                <TextInput id={at("unit")} label="Unit (optional)" readOnly={fixed} error={error(at("unit"))} {...register(`fields.${index}.unit`)} />
                <TextInput id={at("softMin")} label="Expected minimum" inputMode="decimal" error={error(at("softMin"))} {...register(`fields.${index}.softMin`)} />
                <TextInput id={at("softMax")} label="Expected maximum" inputMode="decimal" error={error(at("softMax"))} {...register(`fields.${index}.softMax`)} />
                <TextInput id={at("hardMin")} label="Lowest allowed" hint={limitHint(kinds[index], "min")} inputMode="decimal" error={error(at("hardMin"))} {...register(`fields.${index}.hardMin`)} />
                <TextInput id={at("hardMax")} label="Highest allowed" hint={limitHint(kinds[index], "max")} inputMode="decimal" error={error(at("hardMax"))} {...register(`fields.${index}.hardMax`)} />
                <TextInput id={at("maxChange")} label="Ask the owner to confirm a change of more than" hint={changeHint(kinds[index])} inputMode="decimal" error={error(at("maxChange"))} {...register(`fields.${index}.maxChange`)} />
              </div>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {(
                  [
                    ["comparesWithPreviousYear", "Compared with the same quarter last year", fixed],
                    ["required", "Required to submit", false],
                    ["retired", "Retired: no longer asked for", false],
                  ] as const
                ).map(([name, label, disabled]) => (
                  <div className="govuk-checkboxes__item" key={name}>
                    <input className="govuk-checkboxes__input" id={at(name)} type="checkbox" disabled={disabled} {...register(`fields.${index}.${name}`)} />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={at(name)}>{label}</label>
                  </div>
                ))}
              </div>
              {!fixed && (
                <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-top-3" onClick={() => fields.remove(index)}>
                  Remove field {index + 1}
                </button>
              )}
            </fieldset>
          );
        })}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => fields.append({ key: "", label: "", kind: "COUNT", unit: "", comparesWithPreviousYear: false, required: true, softMin: "", softMax: "", hardMin: "", hardMax: "", maxChange: "", retired: false })}
        >
          Add a field
        </button>

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={save.isPending}>{indicator ? "Save changes" : "Add indicator"}</button>
          {indicator && (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={save.isPending}
              onClick={() => (getValues("retired") ? void submit({ retired: false })() : setConfirmingRetirement(true))}
            >
              {indicator.retired ? "Reinstate indicator" : "Retire indicator"}
            </button>
          )}
          {indicator && indicator.returns === 0 && (
            <button type="button" className="govuk-button govuk-button--warning" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => navigate(`/framework?year=${yearId}`) })}>
              Delete indicator
            </button>
          )}
        </div>
      </form>
    </>
  );
}

/** react-hook-form keeps array errors nested: fields.0.key → errors.fields[0].key. */
function nestedError(errors: object, path: string): string | undefined {
  const found = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors);
  const message = (found as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}
