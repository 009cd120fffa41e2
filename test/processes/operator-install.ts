import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestDatabase, freePort, testDatabaseKind } from '@outpost/core/testing';
import { repoRoot } from '../helpers/processes.js';

export interface OperatorInstall {
  dir: string;
  /** The environment `outpost` runs with there: a free port, the data folder, no demo agent, warnings only. */
  env: Record<string, string>;
}

/**
 * A folder set up as an operator's copy would be: the project's app-config.yaml and its
 * packages, plugins included. On the PostgreSQL run an OUTPOST_CONFIG overlay points it
 * at `database`'s schema.
 */
export async function operatorInstall(database: TestDatabase, prefix: string): Promise<OperatorInstall> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  copyFileSync(join(repoRoot, 'app-config.yaml'), join(dir, 'app-config.yaml'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    OUTPOST_BASE_URL: `http://127.0.0.1:${port}`,
    OUTPOST_DATA_DIR: join(dir, 'data'),
    OUTPOST_LOG_LEVEL: 'warn',
    OUTPOST_CONFIG: '',
    OUTPOST_DEMO_AGENT: 'false',
  };
  if (testDatabaseKind() === 'pg') {
    const config = database.config as { connection: string; searchPath: string };
    writeFileSync(
      join(dir, 'pg.yaml'),
      'database:\n  client: pg\n  connection: ${DATABASE_URL}\n  searchPath: ${DATABASE_SCHEMA}\n',
    );
    Object.assign(env, {
      OUTPOST_CONFIG: 'pg.yaml',
      DATABASE_URL: config.connection,
      DATABASE_SCHEMA: config.searchPath,
    });
  }
  return { dir, env };
}
