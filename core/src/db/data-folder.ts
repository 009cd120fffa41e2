import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { StartupError } from '../errors.js';

/** The data folder and everything in it are the service user's alone. */
export const privateFolderMode = 0o700;
export const privateFileMode = 0o600;
const groupAndWorld = 0o077;

/**
 * Gets the data folder ready before anything is written to it: created 0700 with any
 * missing parent, group and world access taken from whatever an older version left
 * readable (one log line says so), and a small test write, so that a full disk or a
 * read-only file system stops start-up with one clear line.
 */
export function prepareDataFolder(dir: string, logger: Logger): void {
  try {
    createPrivateFolder(dir);
  } catch (error) {
    throw new StartupError([`the data folder ${dir} cannot be created: ${(error as Error).message}`]);
  }
  const tightened = removeGroupAndWorldAccess(dir);
  if (tightened.changed > 0 || tightened.failed.length > 0) {
    logger.warn(
      { dataDir: dir, changed: tightened.changed, failed: tightened.failed.slice(0, 10) },
      'the data folder was open to other users: group and world access removed',
    );
  }
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'outpost', { mode: privateFileMode });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new StartupError([
      code === 'ENOSPC'
        ? `the disk of ${dir} is full: ${message}`
        : `the data folder ${dir} cannot be written: ${message}`,
    ]);
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * Creates a folder (mode 0700) and its missing parents one level at a time: Node's
 * recursive mkdir reports a read-only file system as ENOENT.
 */
export function createPrivateFolder(dir: string): void {
  if (existsSync(dir)) return;
  createPrivateFolder(dirname(dir));
  try {
    mkdirSync(dir, { mode: privateFolderMode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Takes group and world bits off every folder and file under `dir` (symbolic links are not followed). */
function removeGroupAndWorldAccess(dir: string): { changed: number; failed: string[] } {
  const result = { changed: 0, failed: [] as string[] };
  const visit = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return;
    if (stats.mode & groupAndWorld) {
      try {
        chmodSync(path, stats.mode & 0o7700);
        result.changed += 1;
      } catch {
        result.failed.push(path);
      }
    }
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(dir);
  return result;
}
