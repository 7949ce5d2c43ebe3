// Temporary directories for tests. Every directory handed out is remembered so a test file can
// remove them all in afterAll with one call, and nothing leaks into the next run.
import { mkdtempSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();

/**
 * A fresh, empty directory. Synchronous so it can be used in expressions and default values.
 * The real path is returned because git reports real paths (e.g. `rev-parse --show-toplevel`),
 * and on systems where the temp dir is a symlink a mismatch would break path comparisons.
 */
export function tempDir(prefix = 'snapback-test'): string {
  const dir = realpathSync(
    mkdtempSync(join(tmpdir(), prefix.endsWith('-') ? prefix : `${prefix}-`)),
  );
  created.add(dir);
  return dir;
}

/** Removes every directory made by tempDir (and forgets them). Safe to call more than once. */
export async function cleanupTempDirs(): Promise<void> {
  const dirs = [...created];
  created.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}
