// A generated model track: 500 MB of incompressible files the job produced (none committed),
// one of them 95 MB, recorded as v1 through the action, then again with 1 KB appended to the
// big file. Both runs carry the memory probe: what is measured here is peak memory.
import { open, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkout, createRemoteRepo, type GitServer } from '../../test/harness/index.js';
import { runActionTimed, probes, type CommandRun, type Entries } from './runs.js';
import { contentFor } from './synthetic.js';

export const BIG_REPO = 'bench/model';
export const BIG_FILE_BYTES = 95 * 1_000_000;
export const TRACK_BYTES = 500 * 1_000_000;
const OTHER_FILE_BYTES = 5 * 1_000_000;

export interface BigFileResult {
  trackBytes: number;
  files: number;
  first: CommandRun;
  /** A second record only follows a first that landed v1. */
  appended?: CommandRun | undefined;
}

/** Writes `size` bytes of seeded noise in 1 MB pieces (never the whole file in memory). */
async function writeNoise(path: string, seed: string, size: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const f = await open(path, 'w');
  try {
    const piece = 1_000_000;
    for (let at = 0; at < size; at += piece) {
      await f.write(contentFor(`${seed}/${at}`, Math.min(piece, size - at)));
    }
  } finally {
    await f.close();
  }
}

export async function bigFilePhase(
  server: GitServer,
  entries: Entries,
  scratch: string,
  progress: (m: string) => void,
): Promise<BigFileResult> {
  await createRemoteRepo(server, BIG_REPO, { 'README.md': 'model repository\n' });
  const ws = await checkout(server, BIG_REPO, { token: server.token! });
  const others = Math.round((TRACK_BYTES - BIG_FILE_BYTES) / OTHER_FILE_BYTES);
  progress(`big files: writing a 95 MB file and ${others} × 5 MB files into the checkout`);
  await writeNoise(join(ws, 'model', 'weights.bin'), 'weights', BIG_FILE_BYTES);
  for (let i = 0; i < others; i++) {
    await writeNoise(join(ws, 'model', 'shards', `shard-${i}.bin`), `shard-${i}`, OTHER_FILE_BYTES);
  }
  const probe = probes(join(scratch, 'bigfile-probes'), entries).action;
  const call = {
    server,
    repo: BIG_REPO,
    workspace: ws,
    inputs: { track: 'model', paths: 'model/**' },
    timeoutMs: 600_000,
    probe,
    allowFailure: true,
  };
  const first = await runActionTimed(entries, call);
  if (first.error) {
    progress(`  first record FAILED after ${(first.ms / 1000).toFixed(1)} s: ${first.error}`);
    return { trackBytes: BIG_FILE_BYTES + others * OTHER_FILE_BYTES, files: others + 1, first };
  }
  if (first.outputs.version !== '1') throw new Error(`first record made v${first.outputs.version}`);
  progress(
    `  first record: ${(first.ms / 1000).toFixed(1)} s, node ${(first.nodeKb / 1024).toFixed(0)} MiB`,
  );
  const f = await open(join(ws, 'model', 'weights.bin'), 'a');
  await f.write(contentFor('appended', 1_000));
  await f.close();
  const appended = await runActionTimed(entries, call);
  if (!appended.error && appended.outputs.version !== '2') {
    throw new Error(`second record made v${appended.outputs.version}`);
  }
  progress(
    `  1 KB appended: ${(appended.ms / 1000).toFixed(1)} s, node ${(appended.nodeKb / 1024).toFixed(0)} MiB`,
  );
  return {
    trackBytes: BIG_FILE_BYTES + others * OTHER_FILE_BYTES,
    files: others + 1,
    first,
    appended,
  };
}
