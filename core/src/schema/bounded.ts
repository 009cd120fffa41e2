import type { TSchema } from '@sinclair/typebox';

/**
 * Refuses request schemas that accept unbounded input: every object must close its
 * properties (`additionalProperties: false`), every string needs a `maxLength`
 * (or an enum, const, fixed-size format or a pattern that bounds it) and every array
 * a `maxItems`. Numbers in the path and query string need a `minimum` and a `maximum`:
 * they size the work a request asks for (a page, a wait).
 * Returns one line per problem.
 */
export function unboundedParts(schema: TSchema | undefined, part: 'params' | 'query' | 'body'): string[] {
  if (!schema) return [];
  const problems: string[] = [];
  walk(schema as Record<string, unknown>, part, problems, part !== 'body');
  return problems;
}

const boundedFormats = new Set(['uuid', 'date-time', 'date', 'time', 'ipv4', 'ipv6']);

/** `^…$` without `*`, `+` or an open `{n,}` can only match text of a bounded length. */
function boundedPattern(pattern: unknown): boolean {
  return typeof pattern === 'string' && /^\^[^*+]*\$$/.test(pattern) && !/\{\d*,\}/.test(pattern);
}

function walk(node: Record<string, unknown>, path: string, problems: string[], boundNumbers: boolean): void {
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[key] as Array<Record<string, unknown>> | undefined;
    branches?.forEach((branch, index) => walk(branch, `${path}/${key}/${index}`, problems, boundNumbers));
  }
  if ('const' in node || 'enum' in node) return;
  const types = ([] as unknown[]).concat(node.type ?? []);
  const boundedString =
    node.maxLength !== undefined || boundedFormats.has(String(node.format)) || boundedPattern(node.pattern);
  if (types.includes('string') && !boundedString) problems.push(`${path}: string without maxLength`);
  const number = types.includes('integer') || types.includes('number');
  if (boundNumbers && number && (node.minimum === undefined || node.maximum === undefined)) {
    problems.push(`${path}: number without minimum and maximum`);
  }
  if (types.includes('array')) {
    if (node.maxItems === undefined) problems.push(`${path}: array without maxItems`);
    if (node.items) walk(node.items as Record<string, unknown>, `${path}/items`, problems, boundNumbers);
  }
  if (types.includes('object') || node.properties) {
    // A free-form map (operation arguments checked later by their own schema) is bounded by maxProperties.
    if (node.additionalProperties !== false && node.maxProperties === undefined)
      problems.push(`${path}: object without additionalProperties: false`);
    for (const [key, child] of Object.entries((node.properties as Record<string, Record<string, unknown>>) ?? {})) {
      walk(child, `${path}/${key}`, problems, boundNumbers);
    }
  }
}
