import { ValidationError } from '@outpost/core';

export const maxTagLength = 64;
export const maxTagsPerDevice = 32;
const tagPattern = /^[a-z0-9\-_:]+$/;

/** Lowercases a tag and checks it: only a-z, 0-9, -, _ and :, at most 64 characters. */
export function normalizeTag(raw: string, pointer: string): string {
  const tag = raw.trim().toLowerCase();
  if (!tag || tag.length > maxTagLength || !tagPattern.test(tag)) {
    throw new ValidationError([
      {
        pointer,
        message: `a tag is 1 to ${maxTagLength} characters of a-z, 0-9, -, _ and : (got ${JSON.stringify(raw.slice(0, 70))})`,
      },
    ]);
  }
  return tag;
}

/** Normalized, de-duplicated tags; at most 32. */
export function normalizeTags(raw: string[], pointer = '/body/tags'): string[] {
  const tags = [...new Set(raw.map((tag, index) => normalizeTag(tag, `${pointer}/${index}`)))];
  if (tags.length > maxTagsPerDevice)
    throw new ValidationError([{ pointer, message: `a device holds at most ${maxTagsPerDevice} tags` }]);
  return tags;
}
