import type { FieldErrors, FieldValues } from "react-hook-form";
import type { ErrorSummaryItem } from "../components/ErrorSummary.tsx";
import { ApiError } from "./api-client.ts";

/**
 * The GOV.UK error summary's items: the form's own field errors, else what the server said, per
 * field where it named one (its keys are the form's field names), else as one message.
 */
export function summaryItems(fieldErrors: FieldErrors<FieldValues>, serverError: unknown, firstField: string): ErrorSummaryItem[] {
  const local = flatten(fieldErrors).map(([href, message]) => ({ href, message }));
  if (local.length) return local;
  if (!serverError) return [];
  if (serverError instanceof ApiError && Object.keys(serverError.fields).length) {
    return Object.entries(serverError.fields).map(([field, message]) => ({ href: field, message }));
  }
  return [{ href: firstField, message: (serverError as Error).message }];
}

/** The message to show at a field: its own error, or the server's for it. */
export function fieldError(fieldErrors: FieldErrors<FieldValues>, serverError: unknown, field: string): string | undefined {
  const local = fieldErrors[field]?.message;
  if (local) return String(local);
  return serverError instanceof ApiError ? serverError.fields[field] : undefined;
}

/** Nested errors (fields of an array, say) as [path, message], the path being the input's id. */
function flatten(errors: object, prefix = ""): [string, string][] {
  return Object.entries(errors).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && typeof (value as { message?: unknown }).message === "string") {
      return [[path, (value as { message: string }).message] as [string, string]];
    }
    return value && typeof value === "object" && key !== "ref" ? flatten(value, path) : [];
  });
}
