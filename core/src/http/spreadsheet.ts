/**
 * A CSV cell that spreadsheets will not run as a formula: text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP CSV injection).
 */
export function spreadsheetSafe<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
