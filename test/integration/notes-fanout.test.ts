/**
 * The notes index after native git has fanned it out (`ab/cdef…` paths, which git does past a
 * few hundred notes): snapback's record, promote, status and rollback detection read it and
 * extend it, `git notes` still reads the result, and a rollback adds its event to the target
 * version's note without dropping a line of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import { record } from '../../src/commands/record.js';
import { promote } from '../../src/commands/promote.js';
import { status } from '../../src/commands/status.js';
import { parsePatterns } from '../../src/core/globs.js';

const TOKEN = 'notes-token';
const NOTES = 'refs/notes/versions';
const IMPORTED = 400;
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const log = () => undefined;

async function recordIn(ng: NativeGit, ws: string, content: string) {
  await writeTree(ws, { 'm/w.json': content });
  const r = await record(
    { git: ng, resolveLabel: async () => 'dev', log },
    {
      tracks: [{ name: 'm', patterns: parsePatterns(['m/**']), maxFileSize: 1e9, source: 'paths' }],
      dryRun: false,
      context: {},
    },
  );
  return r.tracks[0]!;
}

/** The events of `object`'s note on the server, by name. */
async function events(repo: string, object: string): Promise<string[]> {
  const note = await server.git(repo, ['notes', '--ref=versions', 'show', object]);
  return note
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { event: string }).event);
}

/**
 * Adds IMPORTED notes with native git (as a user's own tooling might), pushed with plain git:
 * enough for git to fan the notes tree out. Returns the commits it annotated.
 */
async function fanOut(repo: string, ws: string): Promise<string[]> {
  await git(ws, ['fetch', '-q', 'origin', `+${NOTES}:${NOTES}`]);
  const head = (await git(ws, ['rev-parse', 'HEAD'])).trim();
  let stream = '';
  for (let i = 1; i <= IMPORTED; i++) {
    stream += `commit refs/heads/imported\nmark :${i}\ncommitter t <t@t> ${i} +0000\ndata 2\n${i % 10}\n`;
    if (i === 1) stream += `from ${head}\n`;
  }
  stream += `commit ${NOTES}\ncommitter t <t@t> 0 +0000\ndata 9\nimported\nfrom ${NOTES}^0\n`;
  for (let i = 1; i <= IMPORTED; i++) {
    stream += `N inline :${i}\ndata ${`imported ${i}\n`.length}\nimported ${i}\n`;
  }
  await git(ws, ['fast-import', '--quiet'], { input: `${stream}\n` });
  await git(ws, ['push', '-q', 'origin', 'refs/heads/imported', `${NOTES}:${NOTES}`]);
  return (await git(ws, ['rev-list', '--reverse', 'refs/heads/imported', `^${head}`]))
    .trim()
    .split('\n');
}

/** Every note path on the server, and whether each is fanned out. */
async function notePaths(repo: string): Promise<string[]> {
  return (await server.git(repo, ['ls-tree', '-r', '--name-only', NOTES])).trim().split('\n');
}

describe('a notes tree native git fanned out', () => {
  it('is read and extended by record, promote, status and rollback detection', async () => {
    const repo = 'acme/notes-fanout';
    await createRemoteRepo(server, repo, { 'm/w.json': '"a"' });
    const ws = await checkout(server, repo, { token: TOKEN });
    const ng = await NativeGit.open(ws, { url: server.repoUrl(repo), token: TOKEN });

    const v1 = await recordIn(ng, ws, '"a"');
    await promote(
      { git: ng, log },
      { track: 'm', version: '1', alias: 'active', dryRun: false, by: { reason: 'first' } },
    );
    expect(await events(repo, v1.commit!)).toEqual(['recorded', 'promoted']);

    const imported = await fanOut(repo, ws);
    const paths = await notePaths(repo);
    expect(paths.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p))).toBe(true);

    // Recording on top of the fanned-out tree: a new version and its events.
    const v2 = await recordIn(ng, ws, '"b"');
    expect(v2).toMatchObject({ status: 'recorded', version: 2 });
    expect(await events(repo, v2.commit!)).toEqual(['recorded']);

    // Promotion appends to v2's note where the fan-out keeps it, from a clone that has never
    // fetched v2 (its note is written at the path the tree already uses).
    const other = await NativeGit.open(await checkout(server, repo, { token: TOKEN }), {
      url: server.repoUrl(repo),
      token: TOKEN,
    });
    await promote(
      { git: other, log },
      { track: 'm', version: '2', alias: 'staging', dryRun: false, by: {} },
    );
    expect(await events(repo, v2.commit!)).toEqual(['recorded', 'promoted']);

    // v1's content again: rollback detection reads v1's tree from its (fanned-out) note, and
    // the rollback's event joins v1's note; the lines already there survive.
    const v3 = await recordIn(ng, ws, '"a"');
    expect(v3).toMatchObject({ status: 'recorded', version: 3 });
    expect(
      (
        await server.git(repo, [
          'log',
          '-1',
          '--format=%(trailers:key=rollback-of,valueonly)',
          v3.commit!,
        ])
      ).trim(),
    ).toBe('1');
    expect(await events(repo, v1.commit!)).toEqual(['recorded', 'promoted', 'rolled-back']);

    // status sees every version's recorded event and both aliases' promotions.
    const s = await status({ git: other }, { tracks: ['m'], thresholds: () => ({}) });
    const m = s.tracks[0]!;
    expect(m.versions.map((v) => [v.version, v.at !== undefined, v.files])).toEqual([
      [1, true, 1],
      [2, true, 1],
      [3, true, 1],
    ]);
    expect(m.history.active!.map((h) => h.version)).toEqual([1]);
    expect(m.history.staging!.map((h) => h.version)).toEqual([2]);

    // Native git still reads every note, imported or ours, each at exactly one path.
    const after = await notePaths(repo);
    expect(after.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p))).toBe(true);
    const objects = after.map((p) => p.replace('/', ''));
    expect(new Set(objects).size).toBe(objects.length);
    for (const commit of [v1.commit!, v2.commit!, v3.commit!]) expect(objects).toContain(commit);
    expect(await server.git(repo, ['notes', '--ref=versions', 'show', imported[199]!])).toBe(
      'imported 200\n',
    );
    expect(
      (await server.git(repo, ['notes', '--ref=versions', 'list'])).trim().split('\n').length,
    ).toBe(IMPORTED + 6); // the imported notes, three versions, the source commit, two trees
    // The snapshot tree's note names every version that recorded that content.
    const tree = (await server.git(repo, ['rev-parse', `${v1.commit!}^{tree}`])).trim();
    const byTree = (await server.git(repo, ['notes', '--ref=versions', 'show', tree]))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { version: number; commit: string });
    expect(byTree.map((e) => [e.version, e.commit])).toEqual([
      [1, v1.commit],
      [3, v3.commit],
    ]);
    expect((await server.fsck(repo)).ok).toBe(true);
  });
});
