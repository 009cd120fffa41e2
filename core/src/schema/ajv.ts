import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** An ajv instance with formats and Outpost's annotation keywords. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    ...options,
  });
  addFormats(ajv);
  // Annotations only: `x-secret` marks values to redact, `x-public` is free text for docs.
  ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
  return ajv;
}

/** `/a/b/0` → `a.b[0]`, the way a YAML path reads. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/** The location and a plain-English message for one ajv error. */
export function describeAjvError(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return {
        pointer: `${error.instancePath}/${escapePointer(key)}`,
        message: `unknown key${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`,
      };
    }
    case 'required':
      return {
        pointer: `${error.instancePath}/${escapePointer(String(params.missingProperty))}`,
        message: 'required, but missing',
      };
    case 'type':
      return {
        pointer: error.instancePath,
        message: `expected ${String(params.type)}, got ${describeValue(error.data)}`,
      };
    case 'enum':
      return {
        pointer: error.instancePath,
        message: `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(error.data)}`,
      };
    case 'const':
      return {
        pointer: error.instancePath,
        message: `expected ${JSON.stringify(params.allowedValue)}, got ${describeValue(error.data)}`,
      };
    default:
      return { pointer: error.instancePath, message: error.message ?? 'is not valid' };
  }
}

/**
 * ajv reports a failed `anyOf` of literals as one error per branch. Fold those into
 * one "expected one of" line and drop the branch noise.
 */
export function simplifyAjvErrors(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === 'anyOf') {
      const branches = (error.schema as Array<{ const?: unknown; type?: string }>) ?? [];
      if (branches.every((branch) => 'const' in branch)) {
        out.push({ ...error, keyword: 'enum', params: { allowedValues: branches.map((b) => b.const) } });
      } else {
        const types = branches.map((b) => b.type).filter(Boolean);
        out.push({ ...error, keyword: 'type', params: { type: types.join(' or ') || 'a different value' } });
      }
      continue;
    }
    if (anyOfPaths.has(error.instancePath) && error.schemaPath.includes('/anyOf/')) continue;
    out.push(error);
  }
  return out;
}

/** A key as one JSON pointer segment. */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}
