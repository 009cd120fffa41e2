import type { TSchema } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv';
import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';
import { InputError, ValidationError, type ValidationIssue } from '../errors.js';
import type { RouteSchemas } from '../plugins/types.js';
import { createAjv, describeAjvError, simplifyAjvErrors } from '../schema/ajv.js';

const bodyAjv = createAjv({ useDefaults: true });
// Path and query values arrive as text; these may be coerced to the declared types.
const textAjv = createAjv({ useDefaults: true, coerceTypes: 'array' });
const responseAjv = createAjv();

export interface RouteInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

export interface CompiledRoute {
  hasBody: boolean;
  validateInput(ctx: Koa.Context, bodyLimit: number): Promise<RouteInput>;
  /** Throws when an answer does not match the declared response schema. */
  checkResponse(body: unknown): void;
}

// application/json or application/<something>+json, any parameters.
const jsonContentType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const emptyObject = { type: 'object', properties: {}, additionalProperties: false } as const;

export function compileRoute(schemas: RouteSchemas = {}): CompiledRoute {
  const params = schemas.params ? textAjv.compile(schemas.params) : undefined;
  const query = textAjv.compile(schemas.query ?? emptyObject);
  const body = schemas.body ? bodyAjv.compile(schemas.body) : undefined;
  const response = schemas.response ? responseAjv.compile(schemas.response) : undefined;

  return {
    hasBody: Boolean(body),
    async validateInput(ctx, bodyLimit) {
      const issues: ValidationIssue[] = [];
      const paramValues = params ? { ...(ctx.params as Record<string, string>) } : {};
      const queryValues = ctx.querystring ? { ...(ctx.query as Record<string, unknown>) } : {};
      if (params) check(params, paramValues, '/params', issues);
      check(query, queryValues, '/query', issues);
      let bodyValue: unknown;
      if (body) {
        bodyValue = await readJson(ctx, bodyLimit);
        check(body, bodyValue, '/body', issues);
      }
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
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError('The body is not valid JSON.');
  }
}

/** The body as UTF-8 text, or undefined once it grows past `limit` bytes. */
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
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8')));
    request.once('error', reject);
  });
}

/**
 * Refuses request schemas that accept unbounded input: every object must close its
 * properties (`additionalProperties: false`), every string needs a `maxLength`
 * (or an enum, const or fixed-size format) and every array a `maxItems`.
 * Returns one line per problem.
 */
export function unboundedParts(schema: TSchema | undefined, where: string): string[] {
  if (!schema) return [];
  const problems: string[] = [];
  walk(schema as Record<string, unknown>, where, problems);
  return problems;
}

const boundedFormats = new Set(['uuid', 'date-time', 'date', 'time', 'ipv4', 'ipv6']);

function walk(node: Record<string, unknown>, path: string, problems: string[]): void {
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[key] as Array<Record<string, unknown>> | undefined;
    branches?.forEach((branch, index) => walk(branch, `${path}/${key}/${index}`, problems));
  }
  if ('const' in node || 'enum' in node) return;
  const types = ([] as unknown[]).concat(node.type ?? []);
  if (types.includes('string') && node.maxLength === undefined && !boundedFormats.has(String(node.format))) {
    problems.push(`${path}: string without maxLength`);
  }
  if (types.includes('array')) {
    if (node.maxItems === undefined) problems.push(`${path}: array without maxItems`);
    if (node.items) walk(node.items as Record<string, unknown>, `${path}/items`, problems);
  }
  if (types.includes('object') || node.properties) {
    // A free-form map (operation arguments checked later by their own schema) is bounded by maxProperties.
    if (node.additionalProperties !== false && node.maxProperties === undefined) problems.push(`${path}: object without additionalProperties: false`);
    for (const [key, child] of Object.entries((node.properties as Record<string, Record<string, unknown>>) ?? {})) {
      walk(child, `${path}/${key}`, problems);
    }
  }
}
