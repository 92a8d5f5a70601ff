/**
 * A service's refusal: what the person reads, and anything else they need (per-field messages,
 * the current version of what changed meanwhile). Its status is the HTTP status the API answers
 * with; the command line prints the message.
 */
export class ServiceError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 400 with a message per field, keyed by the field's path in the request body ("values.crimes"). */
export function invalid(fields: Record<string, string>): ServiceError {
  const messages = Object.values(fields);
  const message = messages.length === 1 ? messages[0]! : `There are ${messages.length} problems: ${messages.join("; ")}`;
  return new ServiceError(400, message, { fields });
}
