import { STATUS_CODES } from 'node:http';
import type Koa from 'koa';
import { OutpostError, ValidationError } from '../errors.js';

export const problemContentType = 'application/problem+json';

/** `type` of a problem document: a stable URN per kind of error. */
export function problemType(slug: string): string {
  return `urn:outpost:problem:${slug}`;
}

const slugByStatus: Record<number, string> = {
  400: 'invalid-input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  411: 'length-required',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  428: 'precondition-required',
  429: 'too-many-requests',
  431: 'headers-too-large',
  501: 'not-implemented',
  503: 'unavailable',
};

/** The stable `type` of a problem that only has its status to go by. */
export function problemTypeOfStatus(status: number): string {
  return problemType(slugByStatus[status] ?? 'client-error');
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: Array<{ pointer: string; detail: string }>;
  [extension: string]: unknown;
}

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  headers?: Record<string, string>;
}

/**
 * Whether an answer is the server's fault: logged as an error, its cause kept out of
 * the answer. A 501 answers a method no route knows, which is the client's doing.
 */
export function isServerFault(status: number): boolean {
  return status >= 500 && status !== 501;
}

/** Turns any thrown value into a problem document; a server fault's detail never leaks internals. */
export function toProblem(error: unknown, requestId: string, instance: string): ProblemDocument {
  if (error instanceof OutpostError) {
    return {
      ...error.extensions,
      type: problemType(error.problemType),
      title: STATUS_CODES[error.status] ?? 'Error',
      status: error.status,
      detail: isServerFault(error.status) ? 'The service is not available right now.' : error.message,
      instance,
      requestId,
      ...(error instanceof ValidationError
        ? { errors: error.errors.map((e) => ({ pointer: e.pointer, detail: e.message })) }
        : {}),
    };
  }
  const http = (error ?? {}) as HttpLikeError;
  const status = http.status ?? http.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && http.expose !== false) {
    return {
      type: problemTypeOfStatus(status),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: http.message || (STATUS_CODES[status] ?? 'Error'),
      instance,
      requestId,
    };
  }
  return {
    type: problemType('internal-error'),
    title: 'Internal Server Error',
    status: 500,
    detail: 'Internal error. Quote the request id when you report it.',
    instance,
    requestId,
  };
}

export function sendProblem(ctx: Koa.Context, problem: ProblemDocument): void {
  ctx.status = problem.status;
  ctx.body = problem;
  ctx.type = problemContentType;
}
