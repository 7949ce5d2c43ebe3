// Helpers for servers that stop answering, and for checking what a stopped run left behind.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from './git.js';

/** Resolves when the client goes away: a hook that awaits this never answers. */
export function untilClientLeaves(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** What a run may leave in a clone only while it runs: temporary refs, index files and locks. */
export async function cloneLitter(ws: string): Promise<string[]> {
  const refs = (await git(ws, ['for-each-ref', '--format=%(refname)', 'refs/snapback/']))
    .split('\n')
    .filter(Boolean);
  const files = (await readdir(join(ws, '.git'))).filter(
    (f) => f.startsWith('snapback-index-') || f.endsWith('.lock'),
  );
  return [...refs, ...files];
}
