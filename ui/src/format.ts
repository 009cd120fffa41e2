/** Dates in the user's time zone and date format (API times are ISO 8601 UTC). */
let zone = 'UTC';
let dateFormat = 'YYYY-MM-DD';

export function setDatePreferences(timeZone: string, format: string): void {
  zone = timeZone;
  dateFormat = format;
}

export function formatDateTime(iso: string): string {
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
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const date = dateFormat.replace('YYYY', parts.year!).replace('MM', parts.month!).replace('DD', parts.day!);
  return `${date} ${parts.hour}:${parts.minute}`;
}
