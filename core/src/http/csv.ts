import { stringify } from 'csv-stringify/sync';
import type Koa from 'koa';

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

/** Every item of a list served in keyset pages (`{ items, nextCursor }`), for exports. */
export async function collectPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    all.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
