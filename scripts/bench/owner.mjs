import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Adds an Owner to the root tenant of the instance whose data folder is `dataDir`, with `outpost user create`. */
export function createOwner(dataDir, email, password) {
  const cli = spawnSync(
    process.execPath,
    ['core/bin/outpost.js', 'user', 'create', '--email', email, '--role', 'owner', '--password', password],
    {
      cwd: root,
      env: { ...process.env, OUTPOST_DATA_DIR: dataDir, OUTPOST_CONFIG: '', OUTPOST_LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    },
  );
  if (cli.status !== 0) throw new Error(`outpost user create failed: ${cli.stderr}`);
}
