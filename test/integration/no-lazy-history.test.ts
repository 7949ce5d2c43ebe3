/**
 * Once a runner's checkout has fetched the notes without their blobs, git fetches any object it
 * lacks by itself when asked about it, and such a fetch takes no depth: for a version commit it
 * brings every commit and tree behind the version's source commit, in a repository with years
 * of history all of them. These tests pin that asking whether a version is here, and mirroring
 * a ref onto one after a push, never do that: what a command needs it fetches itself, at depth 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  git,
  objectsHere,
  seedVersionChain,
  startGitServer,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import { RegistrySession } from '../../src/registry/session.js';
import { diff } from '../../src/commands/diff.js';
import { promote } from '../../src/commands/promote.js';

const TOKEN = 'no-lazy-history-token';
const REPO = 'acme/no-lazy-history';
const NOTES = 'refs/notes/versions';
const SOURCES = 6;

let server: GitServer;
/** The source commits, oldest first; version i was recorded from sources[i - 1]. */
let sources: string[] = [];
let versions: string[] = [];

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  ({ sources, versions } = await seedVersionChain(server, REPO, SOURCES));
});

afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** Commits this clone holds (found without fetching any). */
async function commitsHere(dir: string): Promise<Set<string>> {
  return new Set([...(await objectsHere(dir))].filter(([, t]) => t === 'commit').map(([o]) => o));
}

/**
 * A runner's checkout of main (depth 1) whose notes came without their blobs; `partial`: one
 * made a partial clone by its checkout step already (actions/checkout's `filter` input), so
 * every git process snapback starts, its long-lived ones included, fetches what it lacks.
 */
async function runnerClone(
  partial = false,
  pushMode?: 'git',
): Promise<{ dir: string; ng: NativeGit }> {
  const dir = await checkout(server, REPO, { token: TOKEN });
  if (partial) {
    await git(dir, ['config', 'remote.origin.promisor', 'true']);
    await git(dir, ['config', 'remote.origin.partialclonefilter', 'blob:none']);
  }
  const ng = await NativeGit.open(
    dir,
    { url: server.repoUrl(REPO), token: TOKEN, ...(pushMode ? { pushMode } : {}) },
    { noteBlobsOnDemand: true },
  );
  await new RegistrySession(ng).look({ prefixes: ['refs/versions/t/'] });
  expect((await git(dir, ['config', '--get-regexp', 'promisor'])).trim()).toMatch(/ true$/);
  return { dir, ng };
}

describe('a clone that fetches missing objects on demand', () => {
  it('says a version it lacks is not here, and fetches nothing to say so', async () => {
    const { dir, ng } = await runnerClone();
    const mark = server.requests.length;
    expect(await ng.hasObject(versions[2]!)).toBe(false);
    expect(await ng.hasObject(sources.at(-1)!)).toBe(true); // the checkout's own commit
    expect(server.requests.slice(mark).filter((r) => r.command === 'fetch')).toEqual([]);
    expect((await commitsHere(dir)).has(versions[2]!)).toBe(false);
  });

  it('diffs two old versions fetched at depth 1, not with the history behind them', async () => {
    const { dir, ng } = await runnerClone();
    const d = await diff(
      { git: ng, log: () => undefined },
      {
        tracks: [{ name: 't', patterns: undefined, source: 'track' }],
        from: '2',
        to: '3',
        pullRequest: false,
      },
    );
    expect(d.tracks[0]!.files.map((f) => [f.status, f.path])).toEqual([['M', 'm/w.json']]);
    const here = await commitsHere(dir);
    expect(here.has(versions[1]!) && here.has(versions[2]!)).toBe(true);
    // Their source commits, and everything before them, stayed on the server.
    expect(sources.slice(0, 3).filter((s) => here.has(s))).toEqual([]);
  });

  it.each([
    ['notes fetched without blobs', false, 'prod', undefined],
    ['a partial checkout', true, 'canary', undefined],
    ['a partial checkout, pushing with git push', true, 'beta', 'git' as const],
  ])(
    'promotes a version it never fetched, fetching nothing behind it (%s)',
    async (_, partial, name, pushMode) => {
      const { dir, ng } = await runnerClone(partial, pushMode);
      const alias = `refs/versions/t/aliases/${name}`;
      // A local copy of the alias, left by an earlier step: after the move it would be stale.
      await git(dir, ['update-ref', alias, sources.at(-1)!]);
      await promote(
        { git: ng, log: () => undefined },
        { track: 't', version: '2', alias: name, dryRun: false, by: {} },
      );
      expect((await server.refs(REPO, alias)).get(alias)).toBe(versions[1]);
      // `git push` wants the version here, so it was fetched, at depth 1; our own request
      // needs nothing of it. The history behind it stayed on the server either way.
      const here = await commitsHere(dir);
      expect(here.has(versions[1]!)).toBe(pushMode === 'git');
      expect(sources.slice(0, 2).filter((s) => here.has(s))).toEqual([]);
      // The local alias follows where the version is here; elsewhere the stale copy is gone.
      // The notes ref, whose commit this run wrote, is mirrored.
      const local = await git(dir, ['for-each-ref', '--format=%(objectname)', alias]);
      expect(local.trim()).toBe(pushMode === 'git' ? versions[1] : '');
      expect((await git(dir, ['rev-parse', NOTES])).trim()).toBe(
        (await server.refs(REPO, NOTES)).get(NOTES),
      );
    },
  );
});
