import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { testDatabaseKind } from '@outpost/core/testing';
import { repoRoot } from '../helpers/processes.js';

const id = 'scaffold-check';

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env }, maxBuffer: 64 * 1024 * 1024 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  expect(result.status, `${what} failed:\n${result.stdout}\n${result.stderr}`).to.equal(0);
  return result.stdout;
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/**
 * A copy of the repository as it is now: a clone of HEAD with the working tree's changes
 * committed on top (so `git status` in the copy starts clean), the build outputs copied
 * (tsc -b and rollup then redo only what changed), and a node_modules of links to this
 * one's packages, its own @outpost links pointing into the copy: no network needed.
 */
function copyRepository(target: string): void {
  ok(run('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, target], tmpdir()), 'git clone');
  const git = (args: string[]) => ok(run('git', args, repoRoot), `git ${args.join(' ')}`);
  for (const file of lines(git(['ls-files', '--modified', '--others', '--exclude-standard']))) {
    if (!existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(target, file));
  }
  for (const file of lines(git(['ls-files', '--deleted']))) rmSync(join(target, file), { force: true });
  ok(run('git', ['add', '--all'], target), 'git add');
  ok(
    run(
      'git',
      [
        '-c',
        'user.name=test',
        '-c',
        'user.email=test@example.test',
        'commit',
        '--quiet',
        '--allow-empty',
        '-m',
        'working tree',
      ],
      target,
    ),
    'git commit',
  );

  // The build outputs, stamped after the sources and all at one instant (so no project is older
  // than one it references): tsc -b finds every copied project up to date and builds only the new one.
  const projects = [
    'core',
    'agent',
    'ui',
    'ui/sdk',
    'test',
    ...readdirSync(join(repoRoot, 'plugins')).map((p) => `plugins/${p}`),
  ];
  for (const project of projects) {
    for (const output of ['dist', 'tsconfig.tsbuildinfo', 'build']) {
      const from = join(repoRoot, project, output);
      if (existsSync(from) && existsSync(join(target, project)))
        cpSync(from, join(target, project, output), { recursive: true, verbatimSymlinks: true });
    }
  }
  const now = new Date();
  for (const file of buildInfoFiles(target, projects)) utimesSync(file, now, now);

  const modules = join(repoRoot, 'node_modules');
  mkdirSync(join(target, 'node_modules', '@outpost'), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry !== '@outpost') symlinkSync(join(modules, entry), join(target, 'node_modules', entry));
  }
  // The workspace links are relative (../../core), so the same link in the copy points into the copy.
  for (const entry of readdirSync(join(modules, '@outpost'))) {
    const link = readlinkSync(join(modules, '@outpost', entry));
    if (!entry.startsWith('plugin-')) symlinkSync(link, join(target, 'node_modules', '@outpost', entry));
  }
  ok(
    run(
      process.execPath,
      ['--input-type=module', '-e', "(await import('./scripts/install.mjs')).linkPlugins(() => {})"],
      target,
    ),
    'linking the plugins',
  );
}

/** The tsbuildinfo files of the projects: beside a tsconfig.json or anywhere in its dist. */
function buildInfoFiles(root: string, projects: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.tsbuildinfo')) found.push(join(dir, entry.name));
    }
  };
  for (const project of projects) {
    if (existsSync(join(root, project, 'dist'))) walk(join(root, project, 'dist'));
    if (existsSync(join(root, project, 'tsconfig.tsbuildinfo')))
      found.push(join(root, project, 'tsconfig.tsbuildinfo'));
  }
  return found;
}

// SQLite runs only: the copy's build, isolation matrix and browser check take a minute or two, and the
// scaffold's code holds nothing database-specific (plain knex, as every plugin tested on both).
if (testDatabaseKind() === 'sqlite')
  describe('new-plugin scaffold in a copy of the repository', function () {
    this.timeout(900_000);
    let copy: string;
    let folder: string;

    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'outpost-scaffold-'));
      copy = join(folder, 'repo');
      copyRepository(copy);
    });
    after(() => folder && rmSync(folder, { recursive: true, force: true }));

    it('adds a plugin that builds, passes its own tests and has its routes checked by the matrix, touching only its folder and the config', () => {
      const scaffold = ok(run(process.execPath, ['scripts/new-plugin.mjs', id], copy), 'new-plugin');
      expect(scaffold).to.include(`wrote plugins/${id}/`);
      expect(readFileSync(join(copy, 'app-config.yaml'), 'utf8')).to.match(
        new RegExp(`\\n  ${id}:\\n    enabled: true\\n`),
      );

      ok(run(process.execPath, ['scripts/build.mjs'], copy), 'the build');
      expect(existsSync(join(copy, 'plugins', id, 'dist', 'browser', 'index.js')), 'the page bundle').to.equal(true);

      const stats = join(folder, 'stats.json');
      // Anchored: this file's own titles must not match in the copy.
      const grep = `^(${id} plugin|isolation matrix|plugin pages in the browser|the German translation) `;
      const tests = run(
        process.execPath,
        ['--enable-source-maps', 'scripts/run-mocha.mjs', stats, '--grep', grep],
        copy,
      );
      const output = ok(tests, "the new plugin's tests and the isolation matrix");
      const { passes, failures } = JSON.parse(readFileSync(stats, 'utf8'));
      expect({ failures, enough: passes >= 7 }).to.deep.equal({ failures: 0, enough: true });
      expect(output).to.include(`${id} plugin`);
      // Its texts have German (test/i18n/dictionaries.test.ts reads every plugin's).
      expect(output).to.match(/has every text of each plugin in the plugin's own dictionary/);
      // Its page renders in chromium for an Owner (test/browser/plugin-pages.test.ts).
      expect(output).to.include(`opens /${id} (${id})`);
      // The matrix lists each owner's routes: the new plugin's are there, the one with an :id seeded by its seed.
      expect(output).to.match(
        new RegExp(
          `${id}: GET /api/v1/${id}/items, POST /api/v1/${id}/items, GET /api/v1/${id}/items/:id, DELETE /api/v1/${id}/items/:id`,
        ),
      );
      expect(output).to.match(/isolation matrix: \d+ mounted routes .*, 0 failures/);

      const changed = lines(ok(run('git', ['status', '--porcelain', '--untracked-files=all'], copy), 'git status'));
      const paths = changed.map((line) => line.slice(3));
      expect(paths).to.include('app-config.yaml');
      expect(paths.filter((path) => path !== 'app-config.yaml' && !path.startsWith(`plugins/${id}/`))).to.deep.equal(
        [],
      );
      expect(paths).to.include.members([
        `plugins/${id}/src/plugin.ts`,
        `plugins/${id}/ui/index.ts`,
        `plugins/${id}/ui/locales/de.json`,
        `plugins/${id}/test/${id}.test.ts`,
      ]);
    });

    it('refuses the same id a second time in one line, changing nothing', () => {
      const before = ok(run('git', ['status', '--porcelain', '--untracked-files=all'], copy), 'git status');
      const again = run(process.execPath, ['scripts/new-plugin.mjs', id], copy);
      expect(again.status).to.equal(1);
      expect(again.stderr).to.equal(`new-plugin: plugins/${id} already exists; choose another id\n`);
      expect(ok(run('git', ['status', '--porcelain', '--untracked-files=all'], copy), 'git status')).to.equal(before);
    });
  });
