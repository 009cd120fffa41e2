// The plugin folders of a checkout, found rather than listed: the build, the install's links and the test run all ask here.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The plugins/<id> folders (absolute paths, by id) that hold `file`; every plugin holds a package.json. */
export function pluginFolders(root, file = 'package.json') {
  const plugins = join(root, 'plugins');
  if (!existsSync(plugins)) return [];
  return readdirSync(plugins, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(plugins, entry.name, file)))
    .map((entry) => join(plugins, entry.name))
    .sort();
}
