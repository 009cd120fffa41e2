import { currentLanguage } from './i18n.js';

/** Dates in the user's time zone and date format (API times are ISO 8601 UTC). */
let zone = 'UTC';
let dateFormat = 'YYYY-MM-DD';

export function setDatePreferences(timeZone: string, format: string): void {
  zone = timeZone;
  dateFormat = format;
}

/** "—" for a time that is missing or no date (as an agent may send), rather than a page that throws. */
export function formatDateTime(iso: string | null | undefined): string {
  const time = typeof iso === 'string' ? new Date(iso) : undefined;
  if (!time || Number.isNaN(time.getTime())) return '—';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(time)
      .map((p) => [p.type, p.value]),
  );
  const date = dateFormat.replace('YYYY', parts.year!).replace('MM', parts.month!).replace('DD', parts.day!);
  return `${date} ${parts.hour}:${parts.minute}`;
}

/** A number in the user's language (`1.234,5` in German); `options` as `Intl.NumberFormat`'s. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), options).format(value);
}
