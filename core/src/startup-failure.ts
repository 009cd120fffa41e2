import { dirname } from 'node:path';
import type { CoreConfig } from './config/schema.js';
import { MigrationError } from './db/migrator.js';

type SystemError = Error & { code?: string; syscall?: string; address?: string; port?: number; path?: string };

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * The one line an operator reads when start-up fails: what went wrong and where, in
 * the words of the configuration. The stack trace goes to the debug log only.
 */
export function describeStartupFailure(error: unknown, config?: CoreConfig): string {
  const chain = causes(error);
  const sqliteFile =
    config?.database.client === 'better-sqlite3'
      ? (config.database.connection as { filename: string }).filename
      : undefined;
  const sqlite = chain.find((e) => e.code?.startsWith('SQLITE_'));
  const full = chain.find((e) => e.code === 'ENOSPC' || e.code === 'SQLITE_FULL');
  if (full) {
    const folder = full.path
      ? dirname(full.path)
      : sqlite && sqliteFile
        ? dirname(sqliteFile)
        : (config?.app.dataDir ?? 'the data folder');
    return `the disk of ${folder} is full: ${sqliteReason(full)}`;
  }
  if (sqlite && /^SQLITE_(IOERR|CANTOPEN|READONLY|PERM|CORRUPT|NOTADB)/.test(sqlite.code!)) {
    return `${sqliteFile ? `the database file ${sqliteFile}` : 'the database file'} cannot be used: ${sqliteReason(sqlite)} (is its disk full, read-only or failing?)`;
  }
  const listen = chain.find((e) => e.syscall === 'listen');
  if (listen) return describeListenFailure(listen, config);
  const network = chain.find((e) => e.code && networkCodes.has(e.code));
  if (network)
    return `cannot reach the database: ${firstLine(network.message)} (check database.connection and that the server runs)`;
  const refused = chain.find((e) => /^(28|3D|57P)/.test(e.code ?? '') && 'severity' in e);
  if (refused) return `the database refused the connection: ${firstLine(refused.message)}`;
  if (chain.some((e) => e.name === 'KnexTimeoutError'))
    return `the database did not answer in time: ${firstLine(chain[0]!.message)}`;
  const migration = chain.find((e) => e instanceof MigrationError);
  if (migration) return `a database migration failed: ${firstLine(migration.message)}`;
  const denied = chain.find((e) => ['EACCES', 'EPERM', 'EROFS'].includes(e.code ?? ''));
  if (denied) return `${denied.path ?? 'a file'} cannot be written: ${firstLine(denied.message)}`;
  return firstLine(chain[0]?.message ?? String(error));
}

function describeListenFailure(error: SystemError, config?: CoreConfig): string {
  const host = error.address ?? config?.app.listen.host;
  const port = error.port ?? config?.app.listen.port;
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is in use by another program: stop it, or choose another port (PORT, app.listen.port)`;
    case 'EACCES':
      return `this user may not listen on port ${port}: choose a port above 1023 (PORT, app.listen.port)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}: no network interface of this machine has that address (app.listen.host)`;
    default:
      return `cannot listen on ${host}:${port}: ${firstLine(error.message)}`;
  }
}

function causes(error: unknown): SystemError[] {
  const chain: SystemError[] = [];
  for (let current = error; current instanceof Error && chain.length < 10; current = current.cause)
    chain.push(current as SystemError);
  return chain;
}

/** knex puts the statement before SQLite's own words: `COMMIT; - database or disk is full`. */
function sqliteReason(error: Error): string {
  return firstLine(error.message).split(' - ').at(-1)!;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
