import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { expect } from 'chai';
import { readConfigFiles } from '../src/config/files.js';
import { substituteString } from '../src/config/env.js';
import { validateConfig } from '../src/config/validate.js';
import { StartupError } from '../src/errors.js';
import { definePlugin } from '../src/plugins/types.js';

const devices = definePlugin({
  id: 'devices',
  configSchema: Type.Object(
    { screenshotIntervalSeconds: Type.Integer({ minimum: 60, default: 60 }), region: Type.String({ maxLength: 10 }) },
    { additionalProperties: false, required: ['region'] },
  ),
});
const catalog = new Map([[devices.id, devices]]);

function files(contents: Record<string, string>): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'outpost-config-'));
  const paths = Object.entries(contents).map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
  return { dir, paths };
}

function problemsOf(contents: Record<string, string>, env: Record<string, string> = {}): string[] {
  const { dir, paths } = files(contents);
  try {
    validateConfig(readConfigFiles(paths, env, dir), catalog);
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(StartupError);
    return (error as StartupError).problems;
  }
}

describe('config', () => {
  describe('environment substitution', () => {
    it('uses the variable, then the default, and types a whole substitution', () => {
      expect(substituteString('${PORT:-7007}', {})).to.equal(7007);
      expect(substituteString('${PORT:-7007}', { PORT: '8080' })).to.equal(8080);
      expect(substituteString('${FLAG}', { FLAG: 'true' })).to.equal(true);
      expect(substituteString('http://${HOST:-localhost}:${PORT:-1}', { HOST: 'example.org' })).to.equal(
        'http://example.org:1',
      );
      expect(substituteString('${EMPTY:-}', {})).to.equal('');
    });

    it('keeps $${ as a literal and makes an unset variable undefined', () => {
      expect(substituteString('cost: $${AMOUNT}', {})).to.equal('cost: ${AMOUNT}');
      expect(substituteString('${MISSING}', {})).to.equal(undefined);
      expect(substituteString('a-${MISSING}-b', {})).to.equal(undefined);
    });
  });

  describe('merging and validation', () => {
    it('merges overlays over app-config.yaml, key by key', () => {
      const { dir, paths } = files({
        'app-config.yaml': 'app:\n  listen:\n    port: 7007\n    host: 0.0.0.0\nmail:\n  transport: outbox\n',
        'production.yaml': 'app:\n  listen:\n    port: 9000\n',
      });
      const { core } = validateConfig(readConfigFiles(paths, {}, dir), new Map());
      expect(core.app.listen).to.deep.equal({ port: 9000, host: '0.0.0.0' });
      expect(core.mail.transport).to.equal('outbox');
      expect(core.database.client).to.equal('better-sqlite3');
    });

    it('names the file and path of an unknown plugin id', () => {
      const problems = problemsOf({ 'app-config.yaml': 'plugins:\n  devcies:\n    enabled: true\n' });
      expect(problems).to.deep.equal([
        'app-config.yaml: plugins.devcies: unknown plugin "devcies" (known plugins: devices)',
      ]);
    });

    it('says where a key that has moved went', () => {
      const problems = problemsOf({
        'app-config.yaml': 'billing:\n  plans:\n    trial: { deviceLimit: 3, limits: { devices: 3 }, features: [] }\n',
      });
      expect(problems).to.deep.equal([
        'app-config.yaml: billing.plans.trial.deviceLimit: moved to billing.plans.trial.limits.devices',
      ]);
    });

    it('names the file and path of a wrong type, with what was expected', () => {
      const problems = problemsOf({
        'app-config.yaml': 'database:\n  client: better-sqlite3\n',
        'overlay.yaml': 'database:\n  client: 42\n',
      });
      expect(problems).to.deep.equal([
        'overlay.yaml: database.client: expected one of "better-sqlite3", "pg", got number 42',
      ]);
    });

    it('reports unknown keys, missing required keys and bad values, one line each', () => {
      const problems = problemsOf({
        'app-config.yaml': [
          'app:',
          '  listen:',
          '    prot: 7007',
          'plugins:',
          '  devices:',
          '    enabled: true',
          '    screenshotIntervalSeconds: 5',
        ].join('\n'),
      });
      expect(problems).to.have.members([
        'app-config.yaml: app.listen.prot: unknown key (expected one of: host, port)',
        'app-config.yaml: plugins.devices.region: required, but missing',
        'app-config.yaml: plugins.devices.screenshotIntervalSeconds: must be >= 60',
      ]);
    });

    it('reports an unset variable as a missing key at its path', () => {
      const problems = problemsOf({
        'app-config.yaml': 'plugins:\n  devices:\n    enabled: true\n    region: ${REGION}\n',
      });
      expect(problems).to.deep.equal(['app-config.yaml: plugins.devices.region: required, but missing']);
      expect(
        problemsOf(
          { 'app-config.yaml': 'plugins:\n  devices:\n    enabled: true\n    region: ${REGION}\n' },
          { REGION: 'eu' },
        ),
      ).to.deep.equal([]);
    });

    it('does not require the keys of a disabled plugin', () => {
      expect(problemsOf({ 'app-config.yaml': 'plugins:\n  devices:\n    enabled: false\n' })).to.deep.equal([]);
    });

    it('checks the connection against the chosen client', () => {
      const problems = problemsOf({
        'app-config.yaml': 'database:\n  client: better-sqlite3\n  connection:\n    host: db.example\n',
      });
      expect(problems).to.include('app-config.yaml: database.connection.host: unknown key (expected one of: filename)');
      expect(problems).to.include('app-config.yaml: database.connection.filename: required, but missing');
    });

    it('points at the line of a YAML syntax error', () => {
      const problems = problemsOf({ 'app-config.yaml': 'app:\n  listen: { port: 1\nlog: {}\n' });
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^app-config\.yaml: line \d+, column \d+: /);
    });
  });
});
