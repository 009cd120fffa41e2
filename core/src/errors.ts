/**
 * Domain errors. Services throw these; the HTTP layer alone maps them to status
 * codes and RFC 9457 problem documents (see http/problem.ts).
 */

export interface ValidationIssue {
  /** JSON pointer into the request part, e.g. `/body/name`. */
  pointer: string;
  message: string;
}

export interface OutpostErrorOptions {
  /** Stable problem type slug, e.g. `totp-required`. */
  type?: string;
  /** Extra members added to the problem document. */
  extensions?: Record<string, unknown>;
  /** Response headers for 4xx answers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export abstract class OutpostError extends Error {
  abstract readonly status: number;
  abstract readonly defaultType: string;
  readonly type?: string;
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(message: string, options: OutpostErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.type = options.type;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }

  get problemType(): string {
    return this.type ?? this.defaultType;
  }
}

export class InputError extends OutpostError {
  readonly status = 400;
  readonly defaultType = 'invalid-input';
}

export class ValidationError extends OutpostError {
  readonly status = 400;
  readonly defaultType = 'validation-failed';
  constructor(
    readonly errors: ValidationIssue[],
    message = 'The request is not valid.',
    options: OutpostErrorOptions = {},
  ) {
    super(message, options);
  }
}

export class AuthenticationError extends OutpostError {
  readonly status = 401;
  readonly defaultType = 'unauthenticated';
}

export class ForbiddenError extends OutpostError {
  readonly status = 403;
  readonly defaultType = 'forbidden';
}

export class NotFoundError extends OutpostError {
  readonly status = 404;
  readonly defaultType = 'not-found';
}

/** 405: the path exists, not with this method (the answer's `Allow` lists those it has). */
export class MethodNotAllowedError extends OutpostError {
  readonly status = 405;
  readonly defaultType = 'method-not-allowed';
}

export class ConflictError extends OutpostError {
  readonly status = 409;
  readonly defaultType = 'conflict';
}

/** 410: it existed, and is no longer usable (an expired link, say). */
export class GoneError extends OutpostError {
  readonly status = 410;
  readonly defaultType = 'gone';
}

/** 428: the request needs something first, such as a solved captcha. */
export class PreconditionRequiredError extends OutpostError {
  readonly status = 428;
  readonly defaultType = 'precondition-required';
}

export class TooManyRequestsError extends OutpostError {
  readonly status = 429;
  readonly defaultType = 'too-many-requests';
}

/** 501: a method no route of this server knows. The client's doing, not a fault of the server. */
export class NotImplementedError extends OutpostError {
  readonly status = 501;
  readonly defaultType = 'not-implemented';
}

export class UnavailableError extends OutpostError {
  readonly status = 503;
  readonly defaultType = 'unavailable';
}

/** A problem that stops the process from starting: bad config, bad plugin set. */
export class StartupError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'StartupError';
  }
}
