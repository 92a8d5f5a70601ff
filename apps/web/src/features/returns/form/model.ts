// The return form's own values (what is in the boxes, as typed) and how they become the body of
// a save, checked by the shared schema: the same rules as the API.
import {
  kindOf,
  saveReturnSchema,
  type FieldDeclaration,
  type NoDataReason,
  type ReturnComparisons,
  type ReturnRecord,
  londonDay,
  type ReturnStatus,
  type SaveReturnInput,
} from "@quarterly-returns/shared";
import type { FieldErrors, Resolver } from "react-hook-form";

export interface ReturnFormValues {
  mode: "FIGURES" | "NO_DATA";
  /** Per field key: the figure or text as typed; a rank's position. */
  values: Record<string, string>;
  /** Per rank field key: its "out of". */
  outOf: Record<string, string>;
  previousYear: Record<string, string>;
  /** Per field key: the owner confirmed its implausible figure is right. */
  confirmed: Record<string, boolean>;
  commentary: string;
  /** The period the figures cover; empty for the indicator's default. */
  periodCovered: string;
  reason: NoDataReason | "";
  availableFrom: { day: string; month: string; year: string };
  explanation: string;
}

export function formValuesOf(record: ReturnRecord | null, fields: FieldDeclaration[], lastYear: Record<string, string> | null): ReturnFormValues {
  const values: Record<string, string> = {};
  const outOf: Record<string, string> = {};
  const previousYear: Record<string, string> = {};
  for (const field of fields) {
    const value = record?.values[field.key];
    if (typeof value === "object") {
      values[field.key] = value.position;
      outOf[field.key] = value.outOf;
    } else {
      values[field.key] = value ?? "";
      if (kindOf(field).input.layout === "rank") outOf[field.key] = "";
    }
    if (field.comparesWithPreviousYear) previousYear[field.key] = record?.previousYear[field.key] ?? lastYear?.[field.key] ?? "";
  }
  const [year = "", month = "", day = ""] = record?.noData?.availableFrom?.split("-") ?? [];
  return {
    mode: record?.status === "NO_DATA" ? "NO_DATA" : "FIGURES",
    values,
    outOf,
    previousYear,
    confirmed: Object.fromEntries((record?.confirmedOutliers ?? []).map((outlier) => [outlier.fieldKey, true])),
    commentary: record?.commentary ?? "",
    periodCovered: record?.periodCovered ?? "",
    reason: record?.noData?.reason ?? "",
    availableFrom: { day: day.replace(/^0/, ""), month: month.replace(/^0/, ""), year },
    explanation: record?.noData?.explanation ?? "",
  };
}

/** "2020", "4", "28" → "2020-04-28"; anything incomplete stays as typed, for the schema to refuse. */
function dateOf({ day, month, year }: ReturnFormValues["availableFrom"]): string | null {
  if (!day.trim() && !month.trim() && !year.trim()) return null;
  return `${year.trim()}-${month.trim().padStart(2, "0")}-${day.trim().padStart(2, "0")}`;
}

/**
 * What a save sends: what the form shows, and only that. The figures and commentary typed before
 * choosing "no data" stay in the form (choosing the figures again brings them back) but are not sent.
 */
export function bodyOf(form: ReturnFormValues, status: ReturnStatus, version: number, fields: FieldDeclaration[]): SaveReturnInput {
  const noData = form.mode === "NO_DATA";
  const values: SaveReturnInput["values"] = {};
  if (!noData) {
    for (const field of fields.filter((candidate) => !candidate.retired)) {
      const typed = form.values[field.key] ?? "";
      if (kindOf(field).input.layout === "rank") {
        const outOf = form.outOf[field.key] ?? "";
        if (typed.trim() || outOf.trim()) values[field.key] = { position: typed, outOf };
      } else if (typed.trim()) {
        values[field.key] = typed;
      }
    }
  }
  const previousYear = Object.fromEntries(Object.entries(form.previousYear).filter(([, typed]) => !noData && typed.trim()));
  const confirmed = Object.entries(form.confirmed ?? {}).filter(([key, yes]) => yes && key in values).map(([key]) => key);
  return {
    version,
    status: noData ? "NO_DATA" : status,
    values,
    previousYear,
    ...(confirmed.length ? { confirmed } : {}),
    commentary: noData ? null : form.commentary,
    periodCovered: noData ? undefined : form.periodCovered,
    noData: noData
      ? { reason: form.reason as NoDataReason, availableFrom: form.reason === "NOT_YET_AVAILABLE" ? dateOf(form.availableFrom) : null, explanation: form.reason === "NOT_RELEASED" ? form.explanation : null }
      : null,
  };
}

/** Where in the form a problem the schema names belongs (its input's id, for the error summary). */
export function formPathOf(schemaPath: string): string {
  if (schemaPath.endsWith(".outOf")) return `outOf.${schemaPath.split(".")[1]}`;
  if (schemaPath.endsWith(".position")) return schemaPath.replace(/\.position$/, "");
  if (schemaPath === "noData.reason" || schemaPath === "noData") return "reason";
  if (schemaPath === "noData.availableFrom") return "availableFrom.day";
  if (schemaPath === "noData.explanation") return "explanation";
  if (schemaPath === "values") return "values";
  return schemaPath || "commentary";
}

/** What a save is checked as: the button pressed, and the server's version it replaces. */
export interface SaveIntent {
  status: ReturnStatus;
  version: number;
}

/** The shared schema for this quarter, checking the date the figures are expected against today. */
export const schemaFor = (fields: FieldDeclaration[], quarterEndDate: string, comparisons?: ReturnComparisons) =>
  saveReturnSchema(fields, { quarterEndDate, today: londonDay() }, comparisons);

/** The shared schema as react-hook-form's resolver, reading `state` each time it checks. */
export function returnResolver(fields: FieldDeclaration[], quarterEndDate: string, state: SaveIntent, comparisons?: ReturnComparisons): Resolver<ReturnFormValues> {
  return async (values) => {
    const result = schemaFor(fields, quarterEndDate, comparisons).safeParse(bodyOf(values, state.status, state.version, fields));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const path = formPathOf(issue.path.join("."));
      if (!lookup(errors, path)) assign(errors, path, { type: "schema", message: issue.message });
    }
    return { values: {}, errors: errors as FieldErrors<ReturnFormValues> };
  };
}

/** Every error of a nested errors object as [path, message]. */
export function flattenErrors(errors: object, prefix = ""): [string, string][] {
  return Object.entries(errors).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && "message" in value && typeof value.message === "string") return [[path, value.message] as [string, string]];
    return value && typeof value === "object" ? flattenErrors(value, path) : [];
  });
}

function lookup(target: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], target);
}

function assign(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}
