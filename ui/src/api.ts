/** A problem+json answer, as the API sends it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: {
      type?: string;
      title?: string;
      detail?: string;
      errors?: Array<{ pointer: string; detail: string }>;
      [key: string]: unknown;
    },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** The problem type's slug: `urn:outpost:problem:totp-required` gives `totp-required`. */
  get slug(): string {
    return (this.problem.type ?? '').replace('urn:outpost:problem:', '');
  }

  /** Messages per field, keyed by the last part of each JSON pointer. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.pointer.split('/').pop() ?? '', e.detail]));
  }
}

/** Calls the Outpost API with the session cookie; throws ApiError for problem answers (and the abort error when `signal` fires). */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    signal: options.signal,
    credentials: 'same-origin',
    headers: { 'x-outpost-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answerOf<T>(response);
}

/** An API response's data; ApiError for a problem answer. */
export async function answerOf<T = unknown>(response: Response): Promise<T> {
  const text = await response.text();
  const data = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, data ?? { detail: text || response.statusText });
  return data as T;
}
