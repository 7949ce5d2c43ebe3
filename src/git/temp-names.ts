/**
 * Names for the temporary index files and refs a run makes in the local clone, and the sweep
 * that removes those a killed run left behind. A name says which process made it and when that
 * process started (`<pid>-<start ms>-<random>`), so a later run can tell a dead run's leftovers
 * from the files of a run still working in the same clone.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const STARTED = Math.floor(Date.now() - process.uptime() * 1000);
/** No run takes a day: anything older was left by a run that died. */
const MAX_AGE_MS = 24 * 3_600_000;

export const INDEX_PREFIX = 'snapback-index-';
export const TEMP_REFS = 'refs/snapback/tmp/';

export function tempName(): string {
  return `${process.pid}-${STARTED}-${randomBytes(4).toString('hex')}`;
}

/**
 * Whether a temporary name belongs to a run that is gone: its process no longer exists, it is
 * this process's pid from an earlier life (pids are reused, in containers almost always), or it
 * is older than any run. `modified` serves names of the older `<pid>-<random>` form.
 */
export function isStale(name: string, now: number, modified?: number): boolean {
  const m = /^(\d+)-(?:(\d{10,})-)?[0-9a-f]+$/.exec(name);
  if (!m) return false; // not ours to judge
  const pid = Number(m[1]);
  const started = m[2] === undefined ? undefined : Number(m[2]);
  const born = started ?? modified;
  if (born !== undefined && now - born > MAX_AGE_MS) return true;
  if (pid === process.pid) return started !== undefined && started !== STARTED;
  return !alive(pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes stale temporary index files (and their locks) from the git dir; never throws. */
export async function sweepIndexFiles(gitDir: string, now = Date.now()): Promise<void> {
  const names = await readdir(gitDir).catch(() => [] as string[]);
  for (const file of names) {
    if (!file.startsWith(INDEX_PREFIX)) continue;
    const name = file.slice(INDEX_PREFIX.length).replace(/\.lock$/, '');
    const path = join(gitDir, file);
    const modified = (await stat(path).catch(() => undefined))?.mtimeMs;
    if (isStale(name, now, modified)) await rm(path, { force: true }).catch(() => undefined);
  }
}
