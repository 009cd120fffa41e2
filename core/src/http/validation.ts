import type { ValidateFunction } from 'ajv';
import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';
import { InputError, ValidationError, type ValidationIssue } from '../errors.js';
import type { RouteSchemas } from '../plugins/types.js';
import { createAjv, describeAjvError, escapePointer, simplifyAjvErrors } from '../schema/ajv.js';
import { maxJsonDepth, nestedTooDeeply } from './json-depth.js';
import { fromText } from './text-input.js';

const requestAjv = createAjv({ useDefaults: true });
const responseAjv = createAjv();

export interface RouteInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

export interface CompiledRoute {
  validateInput(ctx: Koa.Context, bodyLimit: number): Promise<RouteInput>;
  /** Throws when an answer does not match the declared response schema. */
  checkResponse(body: unknown): void;
}

// application/json or application/<something>+json, any parameters.
const jsonContentType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const emptyObject = { type: 'object', properties: {}, additionalProperties: false } as const;

export function compileRoute(schemas: RouteSchemas = {}): CompiledRoute {
  const params = schemas.params ? requestAjv.compile(schemas.params) : undefined;
  const query = requestAjv.compile(schemas.query ?? emptyObject);
  const body = schemas.body ? requestAjv.compile(schemas.body) : undefined;
  const response = schemas.response ? responseAjv.compile(schemas.response) : undefined;

  return {
    async validateInput(ctx, bodyLimit) {
      const issues: ValidationIssue[] = [];
      const paramValues = params ? fromText(schemas.params, ctx.params) : {};
      const queryValues = ctx.querystring ? fromText(schemas.query, ctx.query) : {};
      if (params) check(params, paramValues, '/params', issues);
      check(query, queryValues, '/query', issues);
      let bodyValue: unknown;
      if (body) {
        bodyValue = await readJson(ctx, bodyLimit);
        check(body, bodyValue, '/body', issues);
      } else if (await hasContent(ctx, bodyLimit)) {
        throw new ValidationError(
          [{ pointer: '/body', message: 'this route takes no body' }],
          'This route takes no body.',
        );
      }
      nulCharacters(paramValues, '/params', issues);
      nulCharacters(queryValues, '/query', issues);
      nulCharacters(bodyValue, '/body', issues);
      if (issues.length > 0) throw new ValidationError(issues);
      return { params: paramValues, query: queryValues, body: bodyValue };
    },
    checkResponse(value) {
      if (response && !response(value)) {
        const details = simplifyAjvErrors(response.errors ?? []).map((e) => {
          const { pointer, message } = describeAjvError(e);
          return `${pointer || '/'} ${message}`;
        });
        throw new Error(`the answer does not match the route's response schema: ${details.join('; ')}`);
      }
    },
  };
}

function check(validate: ValidateFunction, value: unknown, prefix: string, issues: ValidationIssue[]): void {
  if (validate(value)) return;
  for (const error of simplifyAjvErrors(validate.errors ?? [])) {
    const { pointer, message } = describeAjvError(error);
    issues.push({ pointer: `${prefix}${pointer}`, message });
  }
}

/**
 * Text with NUL characters is refused everywhere: PostgreSQL cannot store it in a text
 * column, and elsewhere it cuts strings short in logs, files and C libraries.
 */
function nulCharacters(value: unknown, pointer: string, issues: ValidationIssue[]): void {
  if (typeof value === 'string') {
    if (value.includes('\0')) issues.push({ pointer, message: 'must not contain NUL characters' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulCharacters(item, `${pointer}/${index}`, issues));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (key.includes('\0')) issues.push({ pointer: at, message: 'the name must not contain NUL characters' });
      nulCharacters(item, at, issues);
    }
  }
}

/** Whether the request carries a body (read and dropped when its length is not declared). */
async function hasContent(ctx: Koa.Context, limit: number): Promise<boolean> {
  if (ctx.request.length) return true;
  if (!ctx.get('transfer-encoding')) return false;
  const text = await readText(ctx.req, limit);
  return text === undefined || text.length > 0;
}

async function readJson(ctx: Koa.Context, limit: number): Promise<unknown> {
  const declared = ctx.request.length;
  const chunked = Boolean(ctx.get('transfer-encoding'));
  if (!chunked && !declared) return undefined;
  if (!jsonContentType.test(ctx.get('content-type'))) ctx.throw(415, 'Send the body as application/json.');
  const encoding = ctx.get('content-encoding');
  if (encoding && encoding !== 'identity') ctx.throw(415, 'Send the body without content encoding.');
  if (declared > limit) ctx.throw(413, `The body is larger than ${limit} bytes.`);
  const text = await readText(ctx.req, limit);
  if (text === undefined) ctx.throw(413, `The body is larger than ${limit} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError('The body is not valid JSON.');
  }
  if (nestedTooDeeply(value)) {
    throw new ValidationError([{ pointer: '/body', message: `nested too deeply (more than ${maxJsonDepth} levels)` }]);
  }
  return value;
}

/**
 * The body as UTF-8 text, or undefined once it grows past `limit` bytes. A client that
 * goes away before the end is its own doing: a 400 `request-aborted`, not a server error.
 */
function readText(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    };
    const aborted = () => {
      reject(new InputError('The request was aborted before its body arrived.', { type: 'request-aborted' }));
    };
    request.on('data', onData);
    request.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8')),
    );
    // Node reports a cut-off body as an error, then as a close before the end.
    request.on('error', aborted);
    request.once('close', () => {
      if (!request.complete) aborted();
    });
  });
}
