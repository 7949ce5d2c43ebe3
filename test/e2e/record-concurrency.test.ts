/**
 * Concurrent recorders: distinct numbers with no gaps, every note line kept, a clean store.
 * The only lock is the server's compare-and-swap on refs, so this runs real processes at once.
 * The scheduler alone does not reliably make them collide, so a server hook holds the first
 * pushes until every racer has sent its own: each has looked before any landed, all claim the
 * same number, and the server's log shows the compare-and-swaps it refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  runAction,
  startGitServer,
  writeTree,
  type GitServer,
  type RequestLogEntry,
} from '../harness/index.js';

const TOKEN = 'race-token';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/**
 * Holds the first `racers` receive-pack POSTs to `repo` until all of them have arrived (or a
 * generous bound has passed), then lets them go together; later pushes pass straight through.
 */
function gatePushes(repo: string, racers: number): void {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const bound = setTimeout(open, 120_000);
  server.setHook(async (req) => {
    if (req.repo !== repo || req.service !== 'receive-pack' || arrived >= racers) return;
    arrived++;
    if (arrived === racers) {
      clearTimeout(bound);
      open();
    }
    await gate;
  });
}

/** Pushes to `repo` whose version ref `ref` the server refused (a lost compare-and-swap). */
async function lostRaces(repo: string, ref: string): Promise<RequestLogEntry[]> {
  await server.idle();
  return server.requests.filter(
    (q) => q.repo === repo && q.service === 'receive-pack' && q.refused.some((r) => r.ref === ref),
  );
}

async function sourceNoteLines(
  repo: string,
  source: string,
  track: string,
): Promise<{ version: number; commit: string }[]> {
  const note = await server.git(repo, ['notes', '--ref=versions', 'show', source]);
  return note
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.track === track);
}

describe('concurrent record', () => {
  it('8 recorders at once on different content get versions 1-8, each once, with 8 note lines', async () => {
    const repo = 'acme/race-eight';
    const { commit: source } = await createRemoteRepo(server, repo, { 'cfg/base.json': '{}' });
    const workspaces = await Promise.all(
      Array.from({ length: 8 }, () => checkout(server, repo, { token: TOKEN })),
    );
    await Promise.all(
      workspaces.map((ws, i) => writeTree(ws, { 'cfg/generated.json': `{"writer":${i}}` })),
    );

    gatePushes(repo, 8);
    const results = await Promise.all(
      workspaces.map((ws) =>
        runAction({
          workspace: ws,
          server,
          repo,
          token: TOKEN,
          inputs: { track: 'shared', paths: 'cfg/**' },
        }),
      ),
    ).finally(() => server.setHook(undefined));
    for (const r of results) expect(r.code, r.stderr + r.stdout).toBe(0);
    // All 8 claimed v1 at once: the server let one have it and refused the other 7.
    expect(await lostRaces(repo, 'refs/versions/shared/1')).toHaveLength(7);
    const versions = results.map((r) => Number(r.outputs.version)).sort((a, b) => a - b);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const refs = await server.refs(repo, 'refs/versions/shared/');
    expect([...refs.keys()].sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `refs/versions/shared/${n}`).sort(),
    );
    // Each writer's content landed under the number it reported.
    for (const [i, r] of results.entries()) {
      expect(
        await server.git(repo, [
          'show',
          `refs/versions/shared/${r.outputs.version}:cfg/generated.json`,
        ]),
      ).toBe(`{"writer":${i}}`);
    }
    const lines = await sourceNoteLines(repo, source, 'shared');
    expect(lines.map((l) => l.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const l of lines) expect(refs.get(`refs/versions/shared/${l.version}`)).toBe(l.commit);
    for (const oid of refs.values()) {
      const note = JSON.parse(await server.git(repo, ['notes', '--ref=versions', 'show', oid]));
      expect(note).toMatchObject({ event: 'recorded', track: 'shared', commit: oid });
    }
    const fsck = await server.fsck(repo);
    expect(fsck.ok, fsck.output).toBe(true);
  });

  it('2 recorders racing on one track, 50 trials: versions 1 and 2 each time, both note lines kept', async () => {
    const repo = 'acme/race-pairs';
    const { commit: source } = await createRemoteRepo(server, repo, { 'cfg/base.json': '{}' });
    const a = await checkout(server, repo, { token: TOKEN });
    const b = await checkout(server, repo, { token: TOKEN });
    const TRIALS = 50;
    for (let t = 1; t <= TRIALS; t++) {
      await writeTree(a, { 'cfg/generated.json': `{"trial":${t},"side":"a"}` });
      await writeTree(b, { 'cfg/generated.json': `{"trial":${t},"side":"b"}` });
      const inputs = { track: `pair-${t}`, paths: 'cfg/**' };
      gatePushes(repo, 2);
      const [ra, rb] = await Promise.all([
        runAction({ workspace: a, server, repo, token: TOKEN, inputs }),
        runAction({ workspace: b, server, repo, token: TOKEN, inputs }),
      ]).finally(() => server.setHook(undefined));
      expect(ra.code, ra.stderr + ra.stdout).toBe(0);
      expect(rb.code, rb.stderr + rb.stdout).toBe(0);
      expect([Number(ra.outputs.version), Number(rb.outputs.version)].sort()).toEqual([1, 2]);
      // The race happened: the server refused one claim of v1 in this very trial.
      expect(await lostRaces(repo, `refs/versions/pair-${t}/1`), `trial ${t}`).toHaveLength(1);
    }
    const refs = await server.refs(repo, 'refs/versions/');
    expect(refs.size).toBe(2 * TRIALS);
    const note = (await server.git(repo, ['notes', '--ref=versions', 'show', source]))
      .trim()
      .split('\n');
    expect(note).toHaveLength(2 * TRIALS);
    const fsck = await server.fsck(repo);
    expect(fsck.ok, fsck.output).toBe(true);
    // Native git reads the (by now possibly fanned-out) notes tree too: each version's note, its
    // snapshot tree's (every version's content differs) and the source commit's.
    const reader = await checkout(server, repo, { token: TOKEN });
    await git(reader, ['fetch', 'origin', 'refs/notes/versions:refs/notes/versions']);
    expect(
      (await git(reader, ['notes', '--ref=versions', 'list'])).trim().split('\n'),
    ).toHaveLength(4 * TRIALS + 1);
  }, 600_000);
});
