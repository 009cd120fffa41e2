#!/usr/bin/env node
// What the server creates (database, outbox, keys, credentials) is for the service user alone.
process.umask(0o077);
const { runCli } = await import('../dist/src/cli.js');

// The command's end is the process's end: a handle left open by a failed command must not keep it alive.
process.exit(await runCli(process.argv.slice(2)));
