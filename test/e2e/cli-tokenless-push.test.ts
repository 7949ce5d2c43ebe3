/**
 * The CLI (dist/cli.js) pruning hundreds of versions over HTTP with no token: the credentials
 * are the user and password in the clone's remote URL, the deletions go in one receive-pack
 * request (no `git push`, whose command line grows with every ref), and the password shows
 * nowhere.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuth,
  checkout,
  cleanupTempDirs,
  git,
  startGitServer,
  tempDir,
  type GitServer,
  runCli,
} from '../harness/index.js';
import { buildHistory } from '../../scripts/bench/history-build.js';

const PASSWORD = 'pw-e2e-tokenless-7f3a';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: PASSWORD });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const cli = runCli;

describe('snapback CLI over HTTP without a token', () => {
  it('prunes 290 of 300 versions in one receive-pack request, with the credentials of the remote URL', async () => {
    const repo = 'acme/cli-tokenless-prune';
    const history = await buildHistory(
      server,
      repo,
      { tracks: ['model'], versions: 300 },
      tempDir('cli-tokenless-scratch'),
    );
    const dir = tempDir('cli-tokenless');
    await git(dir, ['clone', '-q', server.repoPath(repo), '.']);
    const url = new URL(server.repoUrl(repo));
    url.username = 'alice';
    url.password = PASSWORD;
    await git(dir, ['remote', 'set-url', 'origin', url.href]);

    const from = server.requests.length;
    const r = await cli(dir, ['prune', '--track', 'model', '--keep-last', '10', '--json']);
    expect(r.code, r.stderr).toBe(0);
    await server.idle();
    const mine = server.requests.slice(from).filter((q) => q.repo === repo);
    expect(mine.filter((q) => q.method === 'POST' && q.service === 'receive-pack')).toHaveLength(1);
    expect(mine.filter((q) => q.query.includes('git-receive-pack'))).toHaveLength(0);
    // Every request went with the URL's credentials (the server answers 401 without them).
    expect(mine.every((q) => q.status !== 401)).toBe(true);

    const versions = [...(await server.refs(repo, 'refs/versions/model/')).keys()].filter(
      (ref) => !ref.includes('/aliases/'),
    );
    const kept = versions.map((ref) => Number(ref.slice(ref.lastIndexOf('/') + 1)));
    // The newest ten, and the version the alias holds.
    const expected = new Set([...Array.from({ length: 10 }, (_, i) => 291 + i), history.active]);
    expect(new Set(kept)).toEqual(expected);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(PASSWORD));
    expect((await server.fsck(repo)).ok).toBe(true);
  });

  it('--push-mode git leaves the push to git push, which lands the same prune', async () => {
    const repo = 'acme/cli-tokenless-git-push';
    await buildHistory(server, repo, { tracks: ['model'], versions: 20 }, tempDir('cli-scratch'));
    const dir = tempDir('cli-tokenless');
    await git(dir, ['clone', '-q', server.repoPath(repo), '.']);
    const url = new URL(server.repoUrl(repo));
    url.username = 'alice';
    url.password = PASSWORD;
    await git(dir, ['remote', 'set-url', 'origin', url.href]);
    const from = server.requests.length;
    const r = await cli(dir, [
      'prune',
      '--track',
      'model',
      '--keep-last',
      '10',
      '--push-mode',
      'git',
    ]);
    expect(r.code, r.stderr).toBe(0);
    await server.idle();
    const mine = server.requests.slice(from).filter((q) => q.repo === repo);
    expect(mine.filter((q) => q.query.includes('git-receive-pack')).length).toBeGreaterThan(0);
    const left = [...(await server.refs(repo, 'refs/versions/model/')).keys()].filter(
      (ref) => !ref.includes('/aliases/'),
    );
    expect(left.length).toBeLessThanOrEqual(11);
  });
});

/** The version numbers of a track on the server (aliases left out). */
async function versionsOf(repo: string, track: string): Promise<number[]> {
  const refs = [...(await server.refs(repo, `refs/versions/${track}/`)).keys()];
  return refs
    .filter((ref) => !ref.includes('/aliases/'))
    .map((ref) => Number(ref.slice(ref.lastIndexOf('/') + 1)))
    .sort((a, b) => a - b);
}

describe('snapback CLI in a clone actions/checkout made (its token in an extra header)', () => {
  /** A registry of `versions` versions of track `model`, checked out as actions/checkout does. */
  async function checkedOut(name: string, versions: number) {
    const repo = `acme/cli-extraheader-${name}`;
    await buildHistory(server, repo, { tracks: ['model'], versions }, tempDir('cli-scratch'));
    const dir = await checkout(server, repo, { token: PASSWORD });
    return { repo, dir };
  }

  /** What the server saw for `repo` while `during` ran: the requests, and each one's headers. */
  async function watched<T>(repo: string, during: () => Promise<T>) {
    const headers: Record<string, string | string[] | undefined>[] = [];
    server.setHook((req) => {
      if (req.repo === repo) headers.push(req.headers);
    });
    const from = server.requests.length;
    try {
      const result = await during();
      await server.idle();
      const mine = server.requests.slice(from).filter((q) => q.repo === repo);
      return {
        result,
        headers,
        posts: mine.filter((q) => q.method === 'POST' && q.service === 'receive-pack').length,
        gitPush: mine.filter((q) => q.query.includes('git-receive-pack')).length,
        unauthorized: mine.filter((q) => q.status === 401).length,
      };
    } finally {
      server.setHook(undefined);
    }
  }

  it('prunes 190 of 200 versions in one receive-pack request, sending only the extra headers for this URL', async () => {
    const { repo, dir } = await checkedOut('prune', 200);
    // Another server's header stays home.
    await git(dir, ['config', 'http.http://127.0.0.1:1/.extraheader', 'X-Elsewhere: no']);
    const seen = await watched(repo, () =>
      cli(dir, ['prune', '--track', 'model', '--keep-last', '10', '--json'], {
        SNAPBACK_DEBUG: '1',
      }),
    );
    const r = seen.result;
    expect(r.code, r.stderr).toBe(0);
    expect(seen.posts).toBe(1);
    expect(seen.gitPush).toBe(0);
    expect(seen.unauthorized).toBe(0);
    expect(seen.headers.length).toBeGreaterThan(0);
    expect(seen.headers.every((h) => h['x-elsewhere'] === undefined)).toBe(true);
    expect((await versionsOf(repo, 'model')).filter((v) => v > 190)).toHaveLength(10);
    expect((await versionsOf(repo, 'model')).length).toBeLessThanOrEqual(11);
    const printed = r.stdout + r.stderr;
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(basicAuth(PASSWORD).slice('basic '.length));
    expect((await server.fsck(repo)).ok).toBe(true);
  });

  it('records a version with its single push request', async () => {
    const { repo, dir } = await checkedOut('record', 3);
    await mkdir(join(dir, 'conf'), { recursive: true });
    await writeFile(join(dir, 'conf', 'app.json'), '{"threads": 4}\n');
    const seen = await watched(repo, () =>
      cli(dir, ['record', '--track', 'conf', '--paths', 'conf/**', '--json']),
    );
    expect(seen.result.code, seen.result.stderr).toBe(0);
    expect(seen.posts).toBe(1);
    expect(seen.gitPush).toBe(0);
    expect(await versionsOf(repo, 'conf')).toEqual([1]);
  });

  it('an empty extra header after the token clears it: no credentials, a clear refusal, nothing pruned', async () => {
    const { repo, dir } = await checkedOut('cleared', 20);
    await git(dir, ['config', '--add', `http.${server.url}/.extraheader`, '']);
    const seen = await watched(repo, () =>
      cli(dir, ['prune', '--track', 'model', '--keep-last', '10']),
    );
    const r = seen.result;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/asks for credentials \(HTTP 401\), and git has none/);
    expect(seen.unauthorized).toBeGreaterThan(0);
    expect(seen.posts).toBe(0);
    expect(await versionsOf(repo, 'model')).toHaveLength(20);
  });

  it('a refused extra header: the refusal names the setting, never the token', async () => {
    const wrong = 'pw-e2e-wrong-token-51be';
    const { repo, dir } = await checkedOut('refused', 20);
    const key = `http.${server.url}/.extraheader`;
    await git(dir, ['config', key, `AUTHORIZATION: ${basicAuth(wrong)}`]);
    const r = await cli(dir, ['prune', '--track', 'model', '--keep-last', '10', '--json'], {
      SNAPBACK_DEBUG: '1',
    });
    expect(r.code).not.toBe(0);
    const printed = r.stdout + r.stderr;
    expect(printed).toMatch(/http\.extraHeader/);
    expect(printed).not.toContain(wrong);
    expect(printed).not.toContain(basicAuth(wrong).slice('basic '.length));
    expect(await versionsOf(repo, 'model')).toHaveLength(20);
  });
});

describe('snapback CLI refused by the server through git', () => {
  it("hints at git's credentials, not at a workflow's permissions", async () => {
    const repo = 'acme/cli-git-refused';
    await buildHistory(server, repo, { tracks: ['model'], versions: 3 }, tempDir('cli-scratch'));
    const dir = tempDir('cli-tokenless');
    await git(dir, ['clone', '-q', server.repoPath(repo), '.']);
    await git(dir, ['remote', 'set-url', 'origin', server.repoUrl(repo)]);
    // A header without a colon leaves the remote to git, which has no credentials for it.
    await git(dir, ['config', 'http.extraHeader', 'X-Team registry']);
    const r = await cli(dir, ['prune', '--track', 'model', '--keep-last', '1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/was refused by the server/);
    expect(r.stderr).toMatch(/credential helper/);
    expect(r.stderr).not.toMatch(/permissions|'token' input/);
  });
});
