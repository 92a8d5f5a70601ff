// What a save changed in a return, field by field, from the audit event's before and after: one
// reading for the return page and the audit log, so they always agree.
import { kindOf } from "./field-kinds/index.ts";
import type { FieldDeclaration, FieldValue } from "./fields.ts";
import { describeState } from "./states.ts";
import type { NoData } from "./returns.ts";
import type { FieldChange } from "./field-change.ts";

/** What the audit log keeps of a return (record-return.ts writes it); older events may lack parts. */
interface Snapshot {
  status?: string;
  noData?: NoData | null;
  values?: Record<string, FieldValue>;
  previousYear?: Record<string, string>;
  commentary?: string | null;
  periodCovered?: string | null;
}

const snapshotOf = (stored: unknown): Snapshot => (stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Snapshot) : {});

const COMMENTARY_SHOWN = 120;
const shortened = (text: string) => (text.length > COMMENTARY_SHOWN ? `${text.slice(0, COMMENTARY_SHOWN - 1).trimEnd()}…` : text);

function noDataText(snapshot: Snapshot): string | null {
  if (snapshot.status !== "NO_DATA" || !snapshot.noData) return null;
  const state = describeState({ status: "NO_DATA", noData: snapshot.noData });
  return snapshot.noData.explanation ? `${state}: ${shortened(snapshot.noData.explanation)}` : state;
}

/**
 * Each thing a save changed, in the order the form shows them: the figures (then last year's
 * figure where it was typed), the period they cover, the no-data reason, the commentary. A save that changed none of
 * them (a submit of the draft as it stood) gives an empty list.
 */
export function returnChanges(fields: FieldDeclaration[], before: unknown, after: unknown): FieldChange[] {
  const old = snapshotOf(before);
  const now = snapshotOf(after);
  const changes: FieldChange[] = [];
  const add = (label: string, was: string | null, is: string | null) => {
    if (was !== is) changes.push({ label, before: was, after: is });
  };
  const known = new Set(fields.map((field) => field.key));
  const keys = new Set([...Object.keys(old.values ?? {}), ...Object.keys(now.values ?? {}), ...Object.keys(old.previousYear ?? {}), ...Object.keys(now.previousYear ?? {})]);
  for (const field of fields) {
    const kind = kindOf(field);
    const value = (snapshot: Snapshot) => {
      const stored = snapshot.values?.[field.key];
      return stored === undefined ? null : kind.format(field, stored);
    };
    add(field.label, value(old), value(now));
    const lastYear = (snapshot: Snapshot) => {
      const figure = snapshot.previousYear?.[field.key];
      return figure === undefined ? null : kind.formatFigure(figure);
    };
    add(`${field.label}, same quarter last year`, lastYear(old), lastYear(now));
  }
  // A field no longer declared: its key and value as stored.
  for (const key of [...keys].filter((key) => !known.has(key))) {
    const raw = (snapshot: Snapshot) => {
      const stored = snapshot.values?.[key];
      return stored === undefined ? null : typeof stored === "string" ? stored : `${stored.position} out of ${stored.outOf}`;
    };
    add(key, raw(old), raw(now));
  }
  add("Period covered", old.periodCovered ?? null, now.periodCovered ?? null);
  add("No data", noDataText(old), noDataText(now));
  const commentary = (snapshot: Snapshot) => (snapshot.commentary ? shortened(snapshot.commentary) : null);
  add("Commentary", commentary(old), commentary(now));
  return changes;
}

/** "Positive completions 72.6% → 73.1%"; "… set to 72.6%" when it was first given; "… removed (was 72.6%)". */
export function fieldChangeText({ label, before, after }: FieldChange): string {
  if (before === null) return `${label} set to ${after ?? ""}`;
  if (after === null) return `${label} removed (was ${before})`;
  return `${label} ${before} → ${after}`;
}
