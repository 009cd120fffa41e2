// The source files under a folder, for the lint scripts: every file whose name passes `wanted`, in name order,
// leaving out node_modules and dist; none for a folder that does not exist.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sourceFiles(dir, wanted) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(path, wanted));
    else if (wanted(entry)) out.push(path);
  }
  return out;
}
