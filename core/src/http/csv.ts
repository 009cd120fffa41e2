import { stringify } from 'csv-stringify/sync';
import type Koa from 'koa';
import { maxPageSize } from '../schema/paging.js';

/**
 * A CSV cell that spreadsheets will not run as a formula: text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP CSV injection).
 */
export function spreadsheetSafe<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV text of rows (the first one the header), every cell spreadsheet-safe. */
export function toCsv(rows: unknown[][]): string {
  return stringify(rows.map((row) => row.map(spreadsheetSafe)));
}

/** Answers with rows (the first one the header) as a CSV download. */
export function sendCsv(ctx: Koa.Context, filename: string, rows: unknown[][]): void {
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  ctx.type = 'text/csv; charset=utf-8';
  ctx.body = toCsv(rows);
}

type PageOf<T> = (cursor: string | undefined, limit: number) => Promise<{ items: T[]; nextCursor: string | null }>;

/** Every item of a list served in keyset pages (`{ items, nextCursor }`) of the largest size, for exports. */
export async function collectPages<T>(page: PageOf<T>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const next = await page(cursor, maxPageSize);
    all.push(...next.items);
    cursor = next.nextCursor ?? undefined;
    if (cursor !== undefined && seen.has(cursor)) throw new Error('a list handed out the same cursor twice');
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor);
  return all;
}
