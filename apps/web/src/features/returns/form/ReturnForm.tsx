import { COMMENTARY_MAX_LENGTH, defaultPeriodCovered, formatDate, kindOf, NO_DATA_REASONS, PERIOD_COVERED_MAX_LENGTH, type ReturnDetail, type ReturnRecord } from "@quarterly-returns/shared";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { CharacterCount } from "../../../components/CharacterCount.tsx";
import { TextInput } from "../../../components/TextInput.tsx";
import { ErrorSummary } from "../../../components/ErrorSummary.tsx";
import { Radios } from "../../../components/Radios.tsx";
import { FigureField } from "./FigureField.tsx";
import { flattenErrors, formValuesOf, returnResolver, type ReturnFormValues, type SaveIntent } from "./model.ts";
import { NoDataFields } from "./NoDataFields.tsx";
import { useReturnSync } from "./return-sync.ts";
import { SaveStatus } from "./SaveStatus.tsx";
import { comparisonsOf, questionFor } from "./warnings.ts";

// Loaded when the form opens, out of the way of the form itself (the data owner's download budget).
const loadCheckAnswers = () => import("./CheckAnswers.tsx");
const CheckAnswers = lazy(() => loadCheckAnswers().then((module) => ({ default: module.CheckAnswers })));
// Needed only when a colleague's save came in between.
const ConflictPanel = lazy(() => import("./ConflictPanel.tsx").then((module) => ({ default: module.ConflictPanel })));

const OWNER_REASONS = NO_DATA_REASONS.filter((reason) => reason !== "NOT_PROVIDED");

interface ReturnFormProps {
  detail: ReturnDetail;
  userId: number;
  onSubmitted: (record: ReturnRecord) => void;
  onLocked: () => void;
}

/** The return form, generated from the indicator's field declarations. */
export function ReturnForm({ detail, userId, onSubmitted, onLocked }: ReturnFormProps) {
  const { indicator, quarter } = detail;
  const fields = useMemo(() => indicator.fields.filter((field) => !field.retired), [indicator.fields]);
  // The resolver checks a save as this says; useReturnSync keeps it up to date.
  const intent = useRef<SaveIntent>({ status: "DRAFT", version: detail.return?.version ?? 0 }).current;
  const comparisons = useMemo(() => comparisonsOf(detail), [detail]);
  const initial = useMemo(() => formValuesOf(detail.return, fields, detail.lastYear), [detail.return, fields, detail.lastYear]);
  const form = useForm<ReturnFormValues>({
    defaultValues: initial,
    resolver: returnResolver(fields, quarter.endDate, intent, comparisons),
    shouldFocusError: false,
  });
  const { register, formState, getValues } = form;
  const typed = useWatch({ control: form.control }) as ReturnFormValues;
  const { submitted, saveState, isSaving, restoredAt, conflict, submit, check, saveDraft, retry } = useReturnSync({ detail, fields, userId, form, intent, onSubmitted, onLocked });
  // Figures are checked on their own page before they are submitted; "Change" comes back to a box.
  const [checking, setChecking] = useState(false);
  const [focusAfterChange, setFocusAfterChange] = useState<string | null>(null);
  useEffect(() => void loadCheckAnswers(), []);
  useEffect(() => {
    if (!checking && focusAfterChange) document.getElementById(focusAfterChange)?.focus();
  }, [checking, focusAfterChange]);
  const defaultPeriod = defaultPeriodCovered(indicator.periodBasis, indicator.periodLagMonths, quarter.startDate);

  const errors = flattenErrors(formState.errors).map(([path, message]) => ({
    href: path === "values" ? `values.${fields[0]?.key ?? ""}` : path,
    message,
  }));
  const errorAt = (path: string) => errors.find((error) => error.href === path)?.message;
  const lastQuarter = [...detail.history].reverse().find((entry) => entry.return && entry.return.status !== "DRAFT");
  const lastQuarterFigures = fields.flatMap((field) => {
    const value = lastQuarter?.return?.values[field.key];
    return value === undefined ? [] : [`${field.label}: ${kindOf(field).format(field, value)}`];
  });

  const questionOf = (field: (typeof fields)[number]) =>
    errorAt(`values.${field.key}`) ? null : questionFor(field, typed.values?.[field.key] ?? "", typed.previousYear?.[field.key] ?? "", comparisons);
  const submitLabel = submitted ? "Submit changes" : "Submit";

  if (checking && !conflict) {
    return (
      <Suspense fallback={<p className="govuk-body">Loading…</p>}>
        <CheckAnswers
          detail={detail}
          fields={fields}
          typed={getValues()}
          defaultPeriod={defaultPeriod}
          warnings={Object.fromEntries(fields.map((field) => [field.key, [questionOf(field)].filter((question) => question !== null)]))}
          submitLabel={submitLabel}
          isSaving={isSaving}
          onChange={(id) => {
            setFocusAfterChange(id);
            setChecking(false);
          }}
          onSubmit={() => {
            setFocusAfterChange(null);
            // A problem the server finds is shown on the form, beside its box.
            void submit().then((ok) => ok || setChecking(false));
          }}
        />
      </Suspense>
    );
  }

  return (
    <>
      <ErrorSummary errors={errors} attempt={formState.submitCount} />
      {conflict && (
        <Suspense fallback={<p className="govuk-body">Loading…</p>}>
          <ConflictPanel current={conflict.current} typed={getValues()} fields={fields} userId={userId} onResolve={conflict.resolve} />
        </Suspense>
      )}
      {restoredAt && !conflict && (
        <div className="govuk-notification-banner" role="region" aria-labelledby="restored-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="restored-title">Restored</h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body">We kept what you typed on {formatDate(restoredAt)} at {new Date(restoredAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}, which had not been saved yet. Check it, then save.</p>
          </div>
        </div>
      )}

      <form noValidate onSubmit={typed.mode === "NO_DATA" ? (event) => void submit(event) : (event) => void check(event).then((ok) => ok && setChecking(true))}>
        <Radios
          id="mode"
          legend={`What are you reporting for ${quarter.name}?`}
          legendSize="m"
          inline
          options={[
            { value: "FIGURES", label: fields.length ? "The figures" : "An update" },
            { value: "NO_DATA", label: "No data this quarter" },
          ]}
          {...register("mode")}
        />

        {typed.mode === "NO_DATA" && (
          <NoDataFields
            register={register}
            reason={typed.reason}
            reasons={OWNER_REASONS}
            errors={{ reason: errorAt("reason"), availableFrom: errorAt("availableFrom.day"), explanation: errorAt("explanation") }}
            quarterEndDate={quarter.endDate}
            lastQuarter={lastQuarter && lastQuarterFigures.length ? { name: lastQuarter.quarter.name, figures: lastQuarterFigures } : null}
            disabled={false}
          />
        )}

        {typed.mode === "FIGURES" &&
          fields.map((field) => (
            <FigureField
              key={field.key}
              field={field}
              register={register}
              typed={typed.values?.[field.key] ?? ""}
              typedPreviousYear={typed.previousYear?.[field.key] ?? ""}
              lastYearFromReturn={detail.lastYear?.[field.key] ?? null}
              errors={{
                value: errorAt(`values.${field.key}`),
                outOf: errorAt(`outOf.${field.key}`),
                previousYear: errorAt(`previousYear.${field.key}`),
                confirmed: errorAt(`confirmed.${field.key}`),
              }}
              question={questionOf(field)}
              disabled={false}
            />
          ))}

        {typed.mode === "FIGURES" && fields.some((field) => kindOf(field).numeric) && (
          <TextInput
            id="periodCovered"
            label="Period the figures cover"
            hint={defaultPeriod ? `Leave it empty for ${defaultPeriod}, or say the period they cover, like 12 months to June 2019` : "Say the period they cover, like people released January to March 2018"}
            className="govuk-!-width-two-thirds"
            maxLength={PERIOD_COVERED_MAX_LENGTH}
            error={errorAt("periodCovered")}
            {...register("periodCovered")}
          />
        )}

        {typed.mode === "FIGURES" && (
          <CharacterCount
            id="commentary"
            label={fields.length ? "Commentary (optional)" : "Update for this quarter"}
            hint="What the figures mean, what changed and why. The report prints it after the figures."
            error={errorAt("commentary")}
            maxCharacters={COMMENTARY_MAX_LENGTH}
            typed={typed.commentary ?? ""}
            {...register("commentary")}
          />
        )}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={isSaving}>
            {typed.mode === "NO_DATA" ? "Record no data" : "Continue"}
          </button>
          {!submitted && typed.mode === "FIGURES" && (
            <button type="button" className="govuk-button govuk-button--secondary" disabled={isSaving} onClick={saveDraft}>
              Save draft
            </button>
          )}
        </div>
        <SaveStatus state={saveState} onRetry={retry} />
        {submitted && <p className="govuk-body-s">Submitted returns are not saved automatically: your changes are kept on this device until you submit them.</p>}
      </form>
    </>
  );
}
