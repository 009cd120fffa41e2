#!/usr/bin/env node
// npm run new-plugin -- <id>: writes plugins/<id>/ from scripts/plugin-template (a route, a
// table, an event with its subscriber, a retrying job, a page, tests and an isolation seed),
// enables it in app-config.yaml (the only change outside its folder) and links it into
// node_modules. `npm run build` then builds it, `npm test` runs its tests, `npm start` shows
// its page. Errors are one line on stderr and exit 1, with nothing written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { linkPlugins } from './install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const template = join(root, 'scripts', 'plugin-template');

function refuse(message) {
  console.error(`new-plugin: ${message}`);
  process.exit(1);
}

/** The core's own rules for plugin ids (core/src/plugins/loader.ts), read from there so the two never differ. */
function pluginIdRules() {
  const source = readFileSync(join(root, 'core', 'src', 'plugins', 'loader.ts'), 'utf8');
  const pattern = /export const pluginIdPattern = \/(.+)\/;/.exec(source);
  const reserved = /export const reservedPluginIds = \[([^\]]*)\]/.exec(source);
  if (!pattern || !reserved) refuse('cannot find pluginIdPattern and reservedPluginIds in core/src/plugins/loader.ts');
  return { pattern: new RegExp(pattern[1]), reserved: [...reserved[1].matchAll(/'([^']+)'/g)].map((m) => m[1]) };
}

/** The names the template's placeholders stand for, from an id such as `sla-timers`. */
export function namesOf(id) {
  const words = id.split('-');
  const capital = (word) => word[0].toUpperCase() + word.slice(1);
  return {
    __id__: id,
    __table__: words.join('_'),
    __Name__: words.map(capital).join(''),
    __name__: words[0] + words.slice(1).map(capital).join(''),
    __Title__: [capital(words[0]), ...words.slice(1)].join(' '),
  };
}

const fill = (text, names) => Object.entries(names).reduce((out, [token, value]) => out.replaceAll(token, value), text);

function templateFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? templateFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** app-config.yaml with `plugins.<id>.enabled: true` added at the end of its plugins section. */
function enabledInConfig(text, id) {
  const config = parse(text) ?? {};
  if (config.plugins && Object.hasOwn(config.plugins, id))
    refuse(`app-config.yaml already has a section plugins.${id}`);
  const entry = `  ${id}:\n    enabled: true\n`;
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^plugins:\s*(#.*)?$/.test(line));
  if (start < 0) return `${text.replace(/\n*$/, '\n')}plugins:\n${entry}`;
  // The section ends before the next top-level key (or at the end of the file).
  let end = lines.findIndex((line, index) => index > start && /^[^\s#]/.test(line));
  if (end < 0) end = lines.length;
  while (end > start + 1 && lines[end - 1].trim() === '') end -= 1;
  return [...lines.slice(0, end), entry.trimEnd(), ...lines.slice(end)].join('\n');
}

/** The files of a new plugin with this id, by their path inside its folder, before formatting. */
export function scaffoldFiles(id) {
  const names = namesOf(id);
  return new Map(
    templateFiles(template).map((file) => [
      fill(relative(template, file), names),
      fill(readFileSync(file, 'utf8'), names),
    ]),
  );
}

function main() {
  const id = process.argv[2];
  if (!id || process.argv.length > 3)
    refuse('usage: npm run new-plugin -- <id>   (e.g. npm run new-plugin -- webhooks)');
  const rules = pluginIdRules();
  if (!rules.pattern.test(id))
    refuse(
      `"${id}" is not a plugin id: lowercase letters and digits, words joined by single hyphens, at most 32 characters (sla-timers)`,
    );
  if (rules.reserved.includes(id))
    refuse(`"${id}" is the core's own (its API or a page of the web app); choose another`);
  const target = join(root, 'plugins', id);
  if (existsSync(target)) refuse(`plugins/${id} already exists; choose another id`);
  const configFile = join(root, 'app-config.yaml');
  const config = enabledInConfig(readFileSync(configFile, 'utf8'), id);

  for (const [path, text] of scaffoldFiles(id)) {
    const destination = join(target, path);
    mkdirSync(dirname(destination), { recursive: true });
    writeFileSync(destination, text);
  }
  // Longer names can push a line past the print width: the new files are formatted as lint wants them.
  const prettier = spawnSync('npx', ['prettier', '--write', '--log-level', 'warn', `plugins/${id}`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prettier.status !== 0) refuse(`prettier could not format plugins/${id} (exit ${prettier.status})`);
  writeFileSync(configFile, config);
  linkPlugins(() => {});

  console.log(`new-plugin: wrote plugins/${id}/ and enabled it in app-config.yaml (plugins.${id}.enabled: true)
  npm run build                                   builds it (with its page, ui/index.ts)
  npm test -- --db sqlite --grep "${id} plugin"   runs its tests (test/${id}.test.ts)
  npm start                                       serves it; its page is /${id}
  plugins/${id}/README.md lists its config keys, permissions, routes, events and tables.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
