import {
  COMMENTARY_MAX_LENGTH,
  formatDate,
  NO_DATA_REASONS,
  saveReturnSchema,
  type ReturnDetail,
  type ReturnRecord,
  type ReturnStatus,
} from "@quarterly-returns/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { ErrorSummary } from "../../../components/ErrorSummary.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { useSaveReturn } from "../api/save-return.ts";
import { ConflictPanel } from "./ConflictPanel.tsx";
import { FigureField } from "./FigureField.tsx";
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from "./local-draft.ts";
import { bodyOf, flattenErrors, formValuesOf, returnResolver, type ReturnFormValues } from "./model.ts";
import { NoDataFields } from "./NoDataFields.tsx";
import { SaveStatus, type SaveState } from "./SaveStatus.tsx";
import { warningsFor } from "./warnings.ts";

const AUTOSAVE_DELAY_MS = 1500;
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
  const schema = useMemo(() => saveReturnSchema(fields), [fields]);
  const save = useSaveReturn(indicator.id, quarter.id);

  // What the server has: its version (every save names it) and whether it is submitted.
  const [server, setServer] = useState({ version: detail.return?.version ?? 0, record: detail.return });
  const intent = useRef<{ status: ReturnStatus; version: number }>({ status: "DRAFT", version: server.version }).current;
  intent.version = server.version;

  const initial = useMemo(() => formValuesOf(detail.return, fields, detail.lastYear), [detail.return, fields, detail.lastYear]);
  const { register, handleSubmit, control, formState, getValues, reset, setValue, trigger } = useForm<ReturnFormValues>({
    defaultValues: initial,
    resolver: returnResolver(fields, intent),
    shouldFocusError: false,
  });
  const form = useWatch({ control }) as ReturnFormValues;

  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [conflict, setConflict] = useState<ReturnRecord | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const lastSaved = useRef(JSON.stringify(initial));
  const saving = useRef(false);
  const submitted = server.record?.status !== undefined && server.record.status !== "DRAFT";
  const autosaves = !submitted && form.mode === "FIGURES";

  // Typing that never reached the server comes back after a reload; if the server moved on
  // meanwhile, the person chooses. Once, when the form opens (the page gives each return its own form).
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const local = readLocalDraft(userId, indicator.id, quarter.id);
    if (!local || JSON.stringify(local.values) === lastSaved.current) return;
    reset(local.values);
    setRestoredAt(local.at);
    if (local.version !== intent.version && detail.return) setConflict(detail.return);
  }, [detail.return, indicator.id, intent, quarter.id, reset, userId]);

  const lastAction = useRef<ReturnStatus>("DRAFT");
  const send = useCallback(
    async (status: ReturnStatus): Promise<ReturnRecord | null> => {
      lastAction.current = status;
      const values = getValues();
      saving.current = true;
      setSaveState({ kind: "saving" });
      try {
        const record = await save.mutateAsync(bodyOf(values, status, intent.version, fields));
        const snapshot = JSON.stringify(values);
        lastSaved.current = snapshot;
        setServer({ version: record.version, record });
        intent.version = record.version;
        if (JSON.stringify(getValues()) === snapshot) clearLocalDraft(userId, indicator.id, quarter.id);
        setSaveState({ kind: "saved", at: new Date() });
        return record;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          setConflict((error.body as { current: ReturnRecord }).current);
          setSaveState({ kind: "idle" });
        } else if (error instanceof ApiError && error.status === 423) {
          onLocked();
        } else {
          setSaveState({ kind: "failed", message: (error as Error).message });
        }
        return null;
      } finally {
        saving.current = false;
      }
    },
    [fields, getValues, indicator.id, intent, onLocked, quarter.id, save, userId],
  );

  const autosave = useCallback(async () => {
    if (!autosaves || conflict || saving.current || JSON.stringify(getValues()) === lastSaved.current) return;
    const body = bodyOf(getValues(), "DRAFT", intent.version, fields);
    if (!schema.safeParse(body).success) {
      intent.status = "DRAFT";
      await trigger();
      setSaveState({ kind: "invalid" });
      return;
    }
    // Problems a submit found stay on screen until the person deals with them.
    await send("DRAFT");
  }, [autosaves, conflict, fields, getValues, intent, schema, send, trigger]);

  // Every change is kept in this browser at once, and saved as a draft a moment after typing stops.
  const serialized = JSON.stringify(form);
  useEffect(() => {
    if (serialized === lastSaved.current) return;
    writeLocalDraft(userId, indicator.id, quarter.id, { version: intent.version, values: JSON.parse(serialized), at: new Date().toISOString() });
    const timer = setTimeout(() => void autosave(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [serialized, autosave, indicator.id, intent, quarter.id, userId]);

  const press = (status: ReturnStatus) =>
    handleSubmit(async () => {
      const record = await send(status);
      if (record && record.status !== "DRAFT") {
        clearLocalDraft(userId, indicator.id, quarter.id);
        onSubmitted(record);
      }
    });
  const submit = (event?: React.FormEvent) => {
    intent.status = "SUBMITTED";
    void press("SUBMITTED")(event);
  };
  const saveDraft = () => {
    intent.status = "DRAFT";
    void press("DRAFT")();
  };

  const errors = flattenErrors(formState.errors).map(([path, message]) => ({
    href: path === "values" ? `values.${fields[0]?.key ?? ""}` : path,
    message,
  }));
  const errorAt = (path: string) => errors.find((error) => error.href === path)?.message;
  const lastQuarter = [...detail.history].reverse().find((entry) => entry.return && entry.return.status !== "DRAFT");
  const lastQuarterFigure = (key: string) => {
    const value = lastQuarter?.return?.values[key];
    const figure = typeof value === "object" ? value.position : value;
    return figure && lastQuarter ? { name: lastQuarter.quarter.name, figure } : null;
  };
  const showFigures = fields.length > 0 && (form.mode === "FIGURES" || form.reason === "NO_UPDATE");
  const repeatLastQuarter =
    lastQuarter?.return && Object.keys(lastQuarter.return.values).length > 0
      ? () => {
          for (const field of fields) {
            const value = lastQuarter.return!.values[field.key];
            if (value === undefined) continue;
            setValue(`values.${field.key}`, typeof value === "object" ? value.position : value, { shouldDirty: true });
            if (typeof value === "object") setValue(`outOf.${field.key}`, value.outOf, { shouldDirty: true });
          }
        }
      : null;
  const commentaryLeft = COMMENTARY_MAX_LENGTH - (form.commentary ?? "").length;

  return (
    <>
      <ErrorSummary errors={errors} />
      {conflict && (
        <ConflictPanel
          current={conflict}
          typed={getValues()}
          fields={fields}
          onResolve={(resolved) => {
            setServer({ version: conflict.version, record: conflict });
            intent.version = conflict.version;
            lastSaved.current = JSON.stringify(formValuesOf(conflict, fields, detail.lastYear));
            reset(resolved);
            setConflict(null);
          }}
        />
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

      <form noValidate onSubmit={submit}>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">What are you reporting for {quarter.name}?</legend>
            <div className="govuk-radios govuk-radios--inline">
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="mode" type="radio" value="FIGURES" {...register("mode")} />
                <label className="govuk-label govuk-radios__label" htmlFor="mode">
                  {fields.length ? "The figures" : "An update"}
                </label>
              </div>
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="mode-NO_DATA" type="radio" value="NO_DATA" {...register("mode")} />
                <label className="govuk-label govuk-radios__label" htmlFor="mode-NO_DATA">
                  No data this quarter
                </label>
              </div>
            </div>
          </fieldset>
        </div>

        {form.mode === "NO_DATA" && (
          <NoDataFields
            register={register}
            reason={form.reason}
            reasons={OWNER_REASONS}
            errors={{ reason: errorAt("reason"), availableFrom: errorAt("availableFrom.day"), explanation: errorAt("explanation") }}
            onRepeatLastQuarter={repeatLastQuarter}
            disabled={false}
          />
        )}

        {showFigures &&
          fields.map((field) => (
            <FigureField
              key={field.key}
              field={field}
              register={register}
              typed={form.values?.[field.key] ?? ""}
              typedPreviousYear={form.previousYear?.[field.key] ?? ""}
              lastYearFromReturn={detail.lastYear?.[field.key] ?? null}
              errors={{ value: errorAt(`values.${field.key}`), outOf: errorAt(`outOf.${field.key}`), previousYear: errorAt(`previousYear.${field.key}`) }}
              warnings={warningsFor(field, form.values?.[field.key] ?? "", {
                lastQuarter: lastQuarterFigure(field.key),
                lastYear: detail.lastYear?.[field.key] ?? (form.previousYear?.[field.key] || null),
              })}
              disabled={false}
            />
          ))}

        {form.mode === "FIGURES" && (
          <div className={`govuk-form-group govuk-character-count${errorAt("commentary") ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="commentary">
              {fields.length ? "Commentary (optional)" : "Update for this quarter"}
            </label>
            <div id="commentary-hint" className="govuk-hint">What the figures mean, what changed and why. The report prints it after the figures.</div>
            {errorAt("commentary") && (
              <p id="commentary-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errorAt("commentary")}
              </p>
            )}
            <textarea
              id="commentary"
              className={`govuk-textarea${errorAt("commentary") || commentaryLeft < 0 ? " govuk-textarea--error" : ""}`}
              rows={5}
              aria-describedby="commentary-hint commentary-info"
              {...register("commentary")}
            />
            <div id="commentary-info" className={`govuk-hint govuk-character-count__message${commentaryLeft < 0 ? " govuk-error-message" : ""}`} aria-live="polite">
              {commentaryLeft >= 0
                ? `You have ${commentaryLeft.toLocaleString("en-GB")} character${commentaryLeft === 1 ? "" : "s"} remaining`
                : `You have ${(-commentaryLeft).toLocaleString("en-GB")} character${commentaryLeft === -1 ? "" : "s"} too many`}
            </div>
          </div>
        )}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={save.isPending}>
            {form.mode === "NO_DATA" ? "Record no data" : submitted ? "Submit changes" : "Submit"}
          </button>
          {!submitted && form.mode === "FIGURES" && (
            <button type="button" className="govuk-button govuk-button--secondary" disabled={save.isPending} onClick={saveDraft}>
              Save draft
            </button>
          )}
        </div>
        <SaveStatus state={saveState} onRetry={() => (lastAction.current === "DRAFT" ? saveDraft() : submit())} />
        {submitted && <p className="govuk-body-s">Submitted returns are not saved automatically: your changes are kept on this device until you submit them.</p>}
      </form>
    </>
  );
}
