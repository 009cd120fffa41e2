/**
 * `${VAR}`, `${VAR:-default}` and `$${` (a literal `${`) in string values.
 * A value that is one whole substitution takes the type its text spells
 * (`${PORT:-7007}` is the number 7007); a reference to an unset variable
 * without a default makes the value undefined, so the schema reports the path.
 */
const reference = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;

export type Env = Record<string, string | undefined>;

export function substituteString(value: string, env: Env): unknown {
  const single = whole.exec(value);
  if (single) {
    const resolved = env[single[1]] ?? single[2];
    return resolved === undefined ? undefined : scalarFromText(resolved);
  }
  let missing = false;
  const result = value.replace(reference, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$${') return '${';
    const resolved = env[name!] ?? fallback;
    if (resolved === undefined) missing = true;
    return resolved ?? '';
  });
  return missing ? undefined : result;
}

export function substituteEnv(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return substituteString(value, env);
  if (Array.isArray(value)) return value.map((item) => substituteEnv(item, env));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const substituted = substituteEnv(item, env);
      if (substituted !== undefined) out[key] = substituted;
    }
    return out;
  }
  return value;
}

function scalarFromText(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
