import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { repoRoot } from '../helpers/processes.js';

const checker = join(repoRoot, 'scripts/check-boundaries.mjs');
const check = (root?: string) =>
  spawnSync(process.execPath, root ? [checker, root] : [checker], { encoding: 'utf8', cwd: repoRoot });

describe('lint: plugins name no core table outside their migrations', function () {
  let fixture: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };
  beforeEach(() => (fixture = mkdtempSync(join(tmpdir(), 'outpost-boundaries-'))));
  afterEach(() => rmSync(fixture, { recursive: true, force: true }));

  it('passes on this repository', () => {
    const result = check();
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
  });

  it('fails a plugin whose source or UI names a core table, and lets its migrations and tests do so', () => {
    write('core/src/index.ts', "export const users = (db: any) => db('core_users');\n");
    write(
      'plugins/nosy/src/service.ts',
      "export const names = (db: any, ids: string[]) =>\n  db('core_users as u').whereIn('u.id', ids).select('u.name');\n",
    );
    write('plugins/nosy/ui/page.ts', 'const sql = `select name from core_tenants`;\nexport default sql;\n');
    write('plugins/nosy/src/migrations.ts', "t.string('user_id').references('id').inTable('core_users');\n");
    write('plugins/nosy/migrations/0001_init.ts', "t.string('tenant_id').references('id').inTable('core_tenants');\n");
    write('plugins/nosy/test/setup.ts', "await db('core_memberships').insert(row);\n");

    const result = check(fixture);
    expect(result.status).to.equal(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).to.deep.equal([
      'boundaries: plugins/nosy/src/service.ts:2: names the core table core_users; read users, memberships and tenants through coreServices.directory (only migrations may name core tables)',
      'boundaries: plugins/nosy/ui/page.ts:1: names the core table core_tenants; read users, memberships and tenants through coreServices.directory (only migrations may name core tables)',
    ]);
  });

  it('passes the same plugin once it reads through the directory service', () => {
    write(
      'plugins/nosy/src/service.ts',
      "export const names = (directory: any, ids: string[]) => directory.users(ids);\n// plugin tables: nosy_core_notes stays allowed\nexport const notes = 'nosy_core_notes';\n",
    );
    write('plugins/nosy/src/migrations.ts', "t.string('user_id').references('id').inTable('core_users');\n");
    const result = check(fixture);
    expect(result.stderr).to.equal('');
    expect(result.status).to.equal(0);
  });

  it('fails an import of a plugin that package.json does not list, saying how to declare it', () => {
    write('plugins/nosy/src/events.ts', "import type { DevicesChangedEvent } from '@outpost/plugin-devices';\n");
    write('plugins/nosy/package.json', JSON.stringify({ name: '@outpost/plugin-nosy', dependencies: {} }));
    const result = check(fixture);
    expect(result.status).to.equal(1);
    expect(result.stderr.trim()).to.equal(
      'boundaries: plugins/nosy/src/events.ts: imports @outpost/plugin-devices; plugins/nosy/package.json does not list it: declare the dependency (src/plugin.ts dependencies, package.json dependencies, a tsconfig.json reference)',
    );
    const declared = { name: '@outpost/plugin-nosy', dependencies: { '@outpost/plugin-devices': '0.1.0' } };
    write('plugins/nosy/package.json', JSON.stringify(declared));
    expect(check(fixture).status).to.equal(0);
  });
});
