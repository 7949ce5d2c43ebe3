/**
 * A push over HTTP without a token (the CLI on a developer's clone) takes the credentials git
 * has for the remote (an Authorization extra header, the remote's URL, git's credential
 * helpers) and sends our own single receive-pack request, with git's extra headers. git's HTTP
 * settings our request could not honour leave the push to `git push`.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuth,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  tempDir,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import type { RefUpdate } from '../../src/git/git.js';
import { SnapbackError } from '../../src/errors.js';
import { networkLimits } from '../../src/net/limits.js';

const PASSWORD = 'pw-correct-horse-battery';
const WRONG = 'pw-wrong-staple-donkey';

let server: GitServer;
let repoCount = 0;

beforeAll(async () => {
  server = await startGitServer({ token: PASSWORD });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

interface Setup {
  repo: string;
  dir: string;
  head: string;
  /** Ten version refs on the server, all at `head`. */
  versions: string[];
  /** What the credential helper was asked to do (`get`, `store`, `erase`), one per line. */
  helperLog: () => Promise<string[]>;
}

/**
 * A server repository with ten versions, and a clone of it (made through the folder, so its
 * config holds no credentials) whose credential helper answers with `password`.
 */
async function setup(password: string | null): Promise<Setup> {
  const repo = `acme/tokenless-${++repoCount}`;
  const { path } = await createRemoteRepo(server, repo, { 'f.txt': 'x' });
  const dir = tempDir('tokenless-clone');
  await git(dir, ['clone', '-q', path, '.']);
  const head = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const versions = Array.from({ length: 10 }, (_, i) => `refs/versions/t/${i + 1}`);
  await git(dir, ['push', '-q', path, ...versions.map((v) => `${head}:${v}`)]);
  const helperDir = tempDir('tokenless-helper');
  const log = join(helperDir, 'helper.log');
  if (password !== null) {
    const helper = join(helperDir, 'helper.sh');
    await writeFile(
      helper,
      [
        '#!/bin/sh',
        `echo "$1" >> '${log}'`,
        'cat >/dev/null',
        'if [ "$1" = get ]; then',
        '  echo username=alice',
        `  echo password=${password}`,
        'fi',
        '',
      ].join('\n'),
    );
    await chmod(helper, 0o755);
    await git(dir, ['config', 'credential.helper', helper]);
  }
  return {
    repo,
    dir,
    head,
    versions,
    helperLog: async () => {
      try {
        return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

/** Deletes every version but the last: a prune. */
function prune(s: Setup): RefUpdate[] {
  return s.versions.slice(0, -1).map((ref) => ({ ref, expected: s.head, next: null }));
}

/** The requests of one repository since `from`: receive-pack POSTs, and `git push`'s first GET. */
async function pushRequests(repo: string, from: number) {
  await server.idle();
  const mine = server.requests.slice(from).filter((r) => r.repo === repo);
  return {
    posts: mine.filter((r) => r.method === 'POST' && r.service === 'receive-pack').length,
    gitPushAdvertisements: mine.filter(
      (r) => r.service === 'info-refs' && r.query.includes('git-receive-pack'),
    ).length,
  };
}

/** The remote's URL with a user and password in it. */
function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.href;
}

async function failure(p: Promise<unknown>): Promise<SnapbackError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SnapbackError);
  return e as SnapbackError;
}

describe('push over HTTP without a token', () => {
  it('with a credential helper: one receive-pack POST, no git push, and the helper is told it worked', async () => {
    const s = await setup(PASSWORD);
    const ng = await NativeGit.open(s.dir, { url: server.repoUrl(s.repo) });
    // Listing asks the helper too (the server needs credentials to read).
    const listed = await ng.listRemoteRefs(['refs/versions/']);
    expect(listed.size).toBe(10);
    const from = server.requests.length;
    expect(await ng.push(prune(s))).toEqual({ ok: true });
    expect(await pushRequests(s.repo, from)).toEqual({ posts: 1, gitPushAdvertisements: 0 });
    const after = await server.refs(s.repo);
    expect(s.versions.filter((v) => after.has(v))).toEqual(['refs/versions/t/10']);
    const asked = await s.helperLog();
    // Asked once for the whole run, and told to keep what worked.
    expect(asked.filter((l) => l === 'get')).toHaveLength(1);
    expect(asked).toContain('store');
    expect(asked).not.toContain('erase');
  });

  it('with a user and password in the remote URL: one receive-pack POST, no git push', async () => {
    const s = await setup(null);
    const ng = await NativeGit.open(s.dir, {
      url: withCredentials(server.repoUrl(s.repo), 'alice', PASSWORD),
    });
    const from = server.requests.length;
    expect(await ng.push(prune(s))).toEqual({ ok: true });
    expect(await pushRequests(s.repo, from)).toEqual({ posts: 1, gitPushAdvertisements: 0 });
    expect((await server.refs(s.repo)).has('refs/versions/t/1')).toBe(false);
  });

  it('a wrong password from the helper: a clear refusal without the password, and the helper forgets it', async () => {
    const s = await setup(WRONG);
    const ng = await NativeGit.open(s.dir, { url: server.repoUrl(s.repo) });
    const e = await failure(ng.push(prune(s)));
    expect(e.code).toBe('auth-failed');
    expect(e.message).toMatch(/credential helper.*HTTP 401/);
    const shown = `${e.message}\n${e.hint ?? ''}`;
    expect(shown).not.toContain(WRONG);
    expect(shown).not.toContain(Buffer.from(`alice:${WRONG}`).toString('base64'));
    expect(await s.helperLog()).toContain('erase');
    expect(await s.helperLog()).not.toContain('store');
    // Nothing was deleted, and git push was not tried behind the refusal.
    expect((await server.refs(s.repo)).has('refs/versions/t/1')).toBe(true);
    expect(await pushRequests(s.repo, 0)).toMatchObject({ gitPushAdvertisements: 0 });
  });

  it('a wrong password in the remote URL: a clear refusal that names the URL, never the password', async () => {
    const s = await setup(null);
    const ng = await NativeGit.open(s.dir, {
      url: withCredentials(server.repoUrl(s.repo), 'alice', WRONG),
    });
    const e = await failure(ng.push(prune(s)));
    expect(e.code).toBe('auth-failed');
    expect(e.message).toMatch(/user and password in the remote's URL.*HTTP 401/);
    expect(`${e.message}\n${e.hint ?? ''}`).not.toContain(WRONG);
    expect((await server.refs(s.repo)).has('refs/versions/t/1')).toBe(true);
  });

  it('an Authorization extra header (as actions/checkout leaves it): one POST with it, the helper never asked', async () => {
    const s = await setup(PASSWORD);
    // A plain entry before the URL's: git sends both (one after it, git would skip).
    await git(s.dir, ['config', 'http.extraHeader', 'X-Team: registry']);
    await git(s.dir, [
      'config',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: ${basicAuth(PASSWORD)}`,
    ]);
    const seen: { service: string; team: unknown }[] = [];
    server.setHook((req) => {
      if (req.repo === s.repo) seen.push({ service: req.service, team: req.headers['x-team'] });
    });
    try {
      const ng = await NativeGit.open(s.dir, { url: server.repoUrl(s.repo) });
      expect((await ng.listRemoteRefs(['refs/versions/'])).size).toBe(10);
      const from = server.requests.length;
      expect(await ng.push(prune(s))).toEqual({ ok: true });
      expect(await pushRequests(s.repo, from)).toEqual({ posts: 1, gitPushAdvertisements: 0 });
    } finally {
      server.setHook(undefined);
    }
    const after = await server.refs(s.repo);
    expect(s.versions.filter((v) => after.has(v))).toEqual(['refs/versions/t/10']);
    expect(await s.helperLog()).toEqual([]);
    // Every request carried the other extra header too.
    expect(seen.map((r) => r.service)).toEqual(['upload-pack', 'receive-pack']);
    expect(seen.every((r) => r.team === 'registry')).toBe(true);
  });

  it('an Authorization extra header beside a user and password in the URL: only the header goes, as with git', async () => {
    const s = await setup(null);
    await git(s.dir, [
      'config',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: ${basicAuth(PASSWORD)}`,
    ]);
    // Sent beside the header, the URL's wrong password would get a 400 (two Authorization
    // headers); sent instead of it, a 401.
    const ng = await NativeGit.open(s.dir, {
      url: withCredentials(server.repoUrl(s.repo), 'alice', WRONG),
    });
    const from = server.requests.length;
    expect(await ng.push(prune(s))).toEqual({ ok: true });
    expect(await pushRequests(s.repo, from)).toEqual({ posts: 1, gitPushAdvertisements: 0 });
  });

  it('a refused Authorization extra header: a refusal naming the setting, without the token, and no helper asked', async () => {
    const s = await setup(PASSWORD);
    await git(s.dir, [
      'config',
      `http.${server.url}/.extraheader`,
      `AUTHORIZATION: ${basicAuth(WRONG)}`,
    ]);
    const ng = await NativeGit.open(s.dir, { url: server.repoUrl(s.repo) });
    const e = await failure(ng.push(prune(s)));
    expect(e.code).toBe('auth-failed');
    expect(e.message).toMatch(
      /Authorization header that git's http\.extraHeader setting adds \(HTTP 401\)/,
    );
    const shown = `${e.message}\n${e.hint ?? ''}`;
    expect(shown).not.toContain(WRONG);
    expect(shown).not.toContain(basicAuth(WRONG).slice(6));
    expect(await s.helperLog()).toEqual([]);
    expect((await server.refs(s.repo)).has('refs/versions/t/1')).toBe(true);
    expect(await pushRequests(s.repo, 0)).toMatchObject({ gitPushAdvertisements: 0 });
  });

  it('a malformed extra header: git push, and the push lands', async () => {
    const s = await setup(PASSWORD);
    await git(s.dir, ['config', 'http.extraHeader', 'X-Team registry']);
    const ng = await NativeGit.open(s.dir, { url: server.repoUrl(s.repo) });
    const from = server.requests.length;
    expect(await ng.push(prune(s))).toEqual({ ok: true });
    const seen = await pushRequests(s.repo, from);
    expect(seen.gitPushAdvertisements).toBeGreaterThan(0);
    const after = await server.refs(s.repo);
    expect(s.versions.filter((v) => after.has(v))).toEqual(['refs/versions/t/10']);
  });

  it('a credential helper that never answers is stopped after the stall time: a clear refusal, no hang', async () => {
    const s = await setup(null);
    const helperDir = tempDir('tokenless-helper');
    const helper = join(helperDir, 'slow.sh');
    const pidFile = join(helperDir, 'pid');
    await writeFile(helper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`);
    await chmod(helper, 0o755);
    await git(s.dir, ['config', 'credential.helper', helper]);
    const ng = await NativeGit.open(s.dir, {
      url: server.repoUrl(s.repo),
      network: { limits: networkLimits(1) },
    });
    const e = await failure(ng.push(prune(s)));
    expect(e.code).toBe('auth-failed');
    expect(e.message).toMatch(/asks for credentials \(HTTP 401\), and git has none/);
    expect((await server.refs(s.repo)).has('refs/versions/t/1')).toBe(true);
    // The helper went with git: nothing it started outlives the run.
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  });
});
