import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys pino blanks in any log line. Outpost logs no headers, bodies or config
 * values; this is the safety net should one slip in. Top-level keys and `headers`
 * only: wildcard paths cost more per line than the rest of a request's logging.
 */
const redactPaths = [
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'outpost' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Asynchronous writes coalesce log lines while a write is in flight, instead of
    // one blocking write per line; pino flushes them when the process exits.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
