import type { MachineFacts } from '@outpost/agent/protocol';

// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): a hostname with them
// reads differently from what it is ("evil" shown as "live") in every list it appears in.
const directionControls = /[\u202A-\u202E\u2066-\u2069]/g;

/** The machine's facts as an agent reported them, without characters that reorder the text around them. */
export function plainFacts(facts: MachineFacts): MachineFacts {
  const clean = Object.entries(facts).map(([key, value]) => [
    key,
    typeof value === 'string' ? value.replace(directionControls, '') : value,
  ]);
  return Object.fromEntries(clean) as MachineFacts;
}
