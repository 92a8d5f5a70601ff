// The return form kept in step with this browser and the server: every change is kept locally at
// once and saved as a draft a moment after typing stops; a save that someone else's overtook
// becomes a conflict for the person to settle.
import type { FieldDeclaration, ReturnDetail, ReturnRecord, ReturnStatus } from "@quarterly-returns/shared";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { ApiError } from "../../../lib/api-client.ts";
import { useSaveReturn } from "../api/save-return.ts";
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from "./local-draft.ts";
import { bodyOf, formValuesOf, schemaFor, type ReturnFormValues, type SaveIntent } from "./model.ts";
import type { SaveState } from "./SaveStatus.tsx";

const AUTOSAVE_DELAY_MS = 1500;

interface ReturnSyncOptions {
  detail: ReturnDetail;
  /** The fields the form shows (not retired). */
  fields: FieldDeclaration[];
  userId: number;
  form: UseFormReturn<ReturnFormValues>;
  /** The object the form's resolver reads: this hook keeps its version and the button pressed. */
  intent: SaveIntent;
  onSubmitted: (record: ReturnRecord) => void;
  onLocked: () => void;
}

export function useReturnSync({ detail, fields, userId, form, intent, onSubmitted, onLocked }: ReturnSyncOptions) {
  const { indicator, quarter } = detail;
  const { control, getValues, handleSubmit, reset, trigger } = form;
  const save = useSaveReturn(indicator.id, quarter.id);
  const typed = useWatch({ control }) as ReturnFormValues;

  // What the server has: its version (every save names it) and whether it is submitted.
  const [server, setServer] = useState({ version: intent.version, record: detail.return });
  intent.version = server.version;

  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [conflict, setConflict] = useState<ReturnRecord | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const asSaved = useCallback((record: ReturnRecord | null) => JSON.stringify(formValuesOf(record, fields, detail.lastYear)), [fields, detail.lastYear]);
  const lastSaved = useRef(asSaved(detail.return));
  const saving = useRef(false);
  const submitted = server.record?.status !== undefined && server.record.status !== "DRAFT";
  const autosaves = !submitted && typed.mode === "FIGURES";

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
    if (!schemaFor(fields, quarter.endDate).safeParse(body).success) {
      intent.status = "DRAFT";
      await trigger();
      setSaveState({ kind: "invalid" });
      return;
    }
    // Problems a submit found stay on screen until the person deals with them.
    await send("DRAFT");
  }, [autosaves, conflict, fields, getValues, intent, quarter.endDate, send, trigger]);

  // Every change is kept in this browser at once, and saved as a draft a moment after typing stops.
  const serialized = JSON.stringify(typed);
  useEffect(() => {
    if (serialized === lastSaved.current) return;
    writeLocalDraft(userId, indicator.id, quarter.id, { version: intent.version, values: JSON.parse(serialized), at: new Date().toISOString() });
    const timer = setTimeout(() => void autosave(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [serialized, autosave, indicator.id, intent, quarter.id, userId]);

  /** Whether it was saved as the button said. */
  const press = async (status: ReturnStatus, event?: FormEvent) => {
    let saved = false;
    await handleSubmit(async () => {
      const record = await send(status);
      saved = record !== null;
      if (record && record.status !== "DRAFT") {
        clearLocalDraft(userId, indicator.id, quarter.id);
        onSubmitted(record);
      }
    })(event);
    return saved;
  };
  const submit = (event?: FormEvent) => {
    intent.status = "SUBMITTED";
    return press("SUBMITTED", event);
  };
  /** Whether the form would be accepted as submitted, its problems shown if not: before "check your answers". */
  const check = async (event?: FormEvent) => {
    intent.status = "SUBMITTED";
    let valid = false;
    await handleSubmit(() => {
      valid = true;
    })(event);
    return valid;
  };
  const saveDraft = () => {
    intent.status = "DRAFT";
    void press("DRAFT");
  };

  return {
    /** The server has it as submitted (or as no data): no more autosaves, "Submit changes". */
    submitted,
    saveState,
    isSaving: save.isPending,
    /** What was typed and never saved, put back: when it was typed. */
    restoredAt,
    /** What someone else saved meanwhile, and how the person's choice from it becomes the form. */
    conflict: conflict && {
      current: conflict,
      resolve: (resolved: ReturnFormValues) => {
        setServer({ version: conflict.version, record: conflict });
        intent.version = conflict.version;
        lastSaved.current = asSaved(conflict);
        reset(resolved);
        setConflict(null);
      },
    },
    submit,
    check,
    saveDraft,
    retry: () => (lastAction.current === "DRAFT" ? saveDraft() : void submit()),
  };
}
