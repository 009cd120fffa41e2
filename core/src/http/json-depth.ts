/** How deeply a JSON value received from outside may nest: deeper values are refused before anything walks them. */
export const maxJsonDepth = 64;

/**
 * Whether arrays and objects in a parsed JSON value nest deeper than `limit` levels.
 * Walks with an explicit stack: a recursive walk overflows the call stack on hostile input.
 */
export function nestedTooDeeply(value: unknown, limit = maxJsonDepth): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
