/**
 * Concurrent recorders: distinct numbers with no gaps, every note line kept, a clean store.
 * The only lock is the server's compare-and-swap on refs, so this runs real processes at once.
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
    );
    for (const r of results) expect(r.code, r.stderr + r.stdout).toBe(0);
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
  }, 180_000);

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
      const [ra, rb] = await Promise.all([
        runAction({ workspace: a, server, repo, token: TOKEN, inputs }),
        runAction({ workspace: b, server, repo, token: TOKEN, inputs }),
      ]);
      expect(ra.code, ra.stderr + ra.stdout).toBe(0);
      expect(rb.code, rb.stderr + rb.stdout).toBe(0);
      expect([Number(ra.outputs.version), Number(rb.outputs.version)].sort()).toEqual([1, 2]);
    }
    const refs = await server.refs(repo, 'refs/versions/');
    expect(refs.size).toBe(2 * TRIALS);
    const note = (await server.git(repo, ['notes', '--ref=versions', 'show', source]))
      .trim()
      .split('\n');
    expect(note).toHaveLength(2 * TRIALS);
    const fsck = await server.fsck(repo);
    expect(fsck.ok, fsck.output).toBe(true);
    // Native git reads the (by now possibly fanned-out) notes tree too.
    const reader = await checkout(server, repo, { token: TOKEN });
    await git(reader, ['fetch', 'origin', 'refs/notes/versions:refs/notes/versions']);
    expect(
      (await git(reader, ['notes', '--ref=versions', 'list'])).trim().split('\n'),
    ).toHaveLength(2 * TRIALS + 1);
  }, 300_000);
});
