// The one way the web app talks to the API: JSON both ways, the session in a cookie.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Per-field messages, keyed by the field's name in the request body. */
    readonly fields: Record<string, string> = {},
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, options: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? "GET",
      headers: options.body === undefined ? {} : { "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "Cannot reach Quarterly Returns. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const { message, fields } = (body ?? {}) as { message?: string; fields?: Record<string, string> };
    throw new ApiError(response.status, message ?? `The request failed (${response.status}).`, fields ?? {}, body);
  }
  return body as T;
}
