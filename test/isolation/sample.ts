import { randomUUID } from 'node:crypto';

type Schema = Record<string, any>;

/**
 * A small value that satisfies a route's JSON schema, so that a matrix call gets past
 * input validation and reaches the route's own checks.
 */
export function sampleOf(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf.find((s: Schema) => s.type !== 'null') ?? schema.anyOf[0]);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map(sampleOf));
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key: string) => [key, sampleOf(schema.properties?.[key])]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema);
    default:
      return {};
  }
}

function sampleString(schema: Schema): string {
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  if (schema.format === 'email' || String(schema.pattern ?? '').includes('@')) return 'matrix@example.test';
  return 'a'.repeat(Math.max(schema.minLength ?? 1, 12));
}
