import { Type } from '@sinclair/typebox';
import { ValidationError } from '../errors.js';

/** Lists answer pages of `limit` items (docs/api.md, Lists). */
export const defaultPageSize = 50;
export const maxPageSize = 500;

/** The `limit` query parameter of a list. */
export function limitParameter(defaultSize = defaultPageSize) {
  return Type.Integer({ minimum: 1, maximum: maxPageSize, default: defaultSize });
}

/**
 * The page size a list service uses, whatever it was handed: a whole number from 1 to
 * the maximum. Routes check `limit` already; services clamp again so no caller (an
 * export, another plugin, a job) can ask one query for a whole table.
 */
export function pageLimit(limit: number | undefined, fallback = defaultPageSize): number {
  const size = typeof limit === 'number' && Number.isFinite(limit) ? Math.trunc(limit) : fallback;
  return Math.min(maxPageSize, Math.max(1, size));
}

/** An opaque cursor for a position in a list: the position as base64url JSON. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position in a cursor this list handed out; a 400 `invalid-cursor` for anything else. */
export function decodeCursor<T>(cursor: string, isPosition: (value: unknown) => value is T): T {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!isPosition(position)) throw invalidCursor();
  return position;
}

/** For a list whose pages end at a positive whole number (an id, a ticket number). */
export function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function invalidCursor(): ValidationError {
  const issue = { pointer: '/query/cursor', message: 'is not a cursor this list handed out' };
  return new ValidationError([issue], 'This page link is not valid; start from the first page.', {
    type: 'invalid-cursor',
  });
}
