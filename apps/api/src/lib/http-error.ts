/** An answer other than success, with the message the user reads and anything else the client needs. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 400 with a message per field, keyed by the field's path in the request body ("values.crimes"). */
export function invalid(fields: Record<string, string>): HttpError {
  const messages = Object.values(fields);
  const message = messages.length === 1 ? messages[0]! : `There are ${messages.length} problems: ${messages.join("; ")}`;
  return new HttpError(400, message, { fields });
}
