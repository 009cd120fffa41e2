/**
 * Path and query values arrive as text. This turns the ones whose schema wants a
 * number or a boolean into one, strictly: a number is written the plain decimal way
 * (`12`, `-3`, `0.5`), finite and, for an integer, safe; a boolean is `true` or
 * `false`. Anything else stays text, so the schema refuses it and names the value.
 * (ajv's own coercion also takes `1e999`, `Infinity`, ` 5` and `0x10`, and lets an
 * infinite value past `maximum`.) A repeated parameter stays a list unless the schema
 * wants a list.
 */
export function fromText(schema: unknown, values: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, Schema> } | undefined)?.properties ?? {};
  // Built with fromEntries: a parameter named __proto__ stays a parameter (the schema refuses it) instead of being swallowed.
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      Object.hasOwn(properties, name) ? convert(properties[name]!, value) : value,
    ]),
  );
}

interface Schema {
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
}

const decimal = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function convert(schema: Schema, value: unknown): unknown {
  const types = typesOf(schema);
  if (types.has('array')) {
    const items = Array.isArray(value) ? value : [value];
    return schema.items ? items.map((item) => convert(schema.items!, item)) : items;
  }
  if (typeof value !== 'string') return value;
  if ((types.has('integer') || types.has('number')) && decimal.test(value)) {
    const number = Number(value);
    const whole = types.has('number') || Number.isSafeInteger(number);
    if (Number.isFinite(number) && !Object.is(number, -0) && whole) return number;
  }
  if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function typesOf(schema: Schema): Set<string> {
  const types = new Set<string>([schema.type ?? []].flat());
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const type of typesOf(branch)) types.add(type);
  }
  return types;
}
