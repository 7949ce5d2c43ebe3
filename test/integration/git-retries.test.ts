/**
 * Which git failures are asked again, counted at a real git server: a 4xx answer is sent exactly
 * once, a 5xx / 408 / 429 answer or a lost connection is retried until the server answers. Each
 * path that classifies failures is covered: the git CLI (ls-remote, `git push`), our own
 * receive-pack request, and our ls-refs request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapbackError, TransientError } from '../../src/errors.js';
import { NativeGit } from '../../src/git/native-git.js';
import type { RefUpdate } from '../../src/git/git.js';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  writeTree,
  type GitServer,
  type GitService,
  type HookResult,
} from '../harness/index.js';

const TOKEN = 'ghs_retries';

let server: GitServer;
let plain: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  // Without a token the product pushes with `git push` (the CLI's and SSH-like remotes' path).
  plain = await startGitServer();
});

afterAll(async () => {
  await server?.close();
  await plain?.close();
  await cleanupTempDirs();
});

/**
 * Answers the first `times` requests to `service` with `answer` (all of them when times is
 * Infinity), lets the others through, and counts them all.
 */
function failing(
  on: GitServer,
  service: GitService,
  answer: Exclude<HookResult, void>,
  times = Infinity,
) {
  const seen = { count: 0 };
  on.setHook((req) => {
    if (req.service !== service) return;
    seen.count++;
    if (seen.count <= times) return answer;
  });
  return seen;
}

let repoCount = 0;

/** A fresh repository, a checkout of it, and a commit to push as refs/versions/t/1. */
async function setUp(on: GitServer, withToken: boolean, pushMode: 'auto' | 'git' = 'auto') {
  const repo = `octo/retry-${++repoCount}`;
  await createRemoteRepo(on, repo, { 'a.txt': 'a\n' });
  const ws = await checkout(on, repo, withToken ? { token: TOKEN } : {});
  await writeTree(ws, { 'a.txt': `version ${repoCount}\n` });
  await git(ws, ['commit', '-qam', 'snapshot']);
  const next = (await git(ws, ['rev-parse', 'HEAD'])).trim();
  const adapter = await NativeGit.open(ws, {
    url: on.repoUrl(repo),
    ...(withToken ? { token: TOKEN } : {}),
    pushMode,
  });
  const update: RefUpdate = { ref: 'refs/versions/t/1', expected: null, next };
  on.resetLog();
  return { repo, adapter, update, next };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

function services(on: GitServer): string[] {
  return on.requests.map((r) => `${r.method} ${r.service}`);
}

describe('the git CLI (ls-remote), counted at the server', () => {
  it.each([400, 409])('sends exactly one request when the server answers %i', async (status) => {
    const { adapter } = await setUp(server, true);
    const seen = failing(server, 'info-refs', { status, body: 'no\n' });
    const e = await failure(adapter.defaultBranch());
    server.setHook(undefined);
    expect(e).toBeInstanceOf(SnapbackError);
    expect(e).not.toBeInstanceOf(TransientError);
    expect(e.message).toContain(String(status));
    expect(seen.count).toBe(1);
  });

  it.each([503, 408, 429])('asks again after %i until the server answers', async (status) => {
    const { adapter } = await setUp(server, true);
    const seen = failing(server, 'info-refs', { status, body: 'busy\n' }, 2);
    expect(await adapter.defaultBranch()).toBe('main');
    server.setHook(undefined);
    expect(seen.count).toBe(3);
  });

  it.each(['reset', 'close', 'mid-answer'] as const)(
    'asks again after a lost connection (%s)',
    async (hangUp) => {
      const { adapter } = await setUp(server, true);
      const seen = failing(server, 'info-refs', { hangUp }, 1);
      expect(await adapter.defaultBranch()).toBe('main');
      server.setHook(undefined);
      expect(seen.count).toBe(2);
    },
  );

  it('gives up on a server that keeps failing, with a retryable error', async () => {
    const { adapter } = await setUp(server, true);
    const seen = failing(server, 'info-refs', { status: 503, body: 'down\n' });
    const e = await failure(adapter.defaultBranch());
    server.setHook(undefined);
    expect(e).toBeInstanceOf(TransientError);
    expect(seen.count).toBe(5);
  });
});

describe('git push (push-mode git), counted at the server', () => {
  it.each([400, 413])(
    'sends the push exactly once when the server answers %i to it',
    async (status) => {
      const { repo, adapter, update } = await setUp(plain, false, 'git');
      const seen = failing(plain, 'receive-pack', { status, body: 'refused\n' });
      const e = await failure(adapter.push([update]));
      plain.setHook(undefined);
      expect(e).toBeInstanceOf(SnapbackError);
      expect(e).not.toBeInstanceOf(TransientError);
      expect(e.message).toContain(`HTTP ${status}`);
      expect(seen.count).toBe(1);
      expect((await plain.refs(repo)).has(update.ref)).toBe(false);
    },
  );

  it.each([502, 408, 429])('pushes again after %i until the push lands', async (status) => {
    const { repo, adapter, update, next } = await setUp(plain, false, 'git');
    const seen = failing(plain, 'receive-pack', { status, body: 'busy\n' }, 1);
    expect(await adapter.push([update])).toEqual({ ok: true });
    plain.setHook(undefined);
    expect(seen.count).toBe(2);
    expect((await plain.refs(repo)).get(update.ref)).toBe(next);
  });

  it.each(['reset', 'close', 'mid-answer'] as const)(
    'pushes again after the connection is lost (%s)',
    async (hangUp) => {
      const { repo, adapter, update, next } = await setUp(plain, false, 'git');
      const seen = failing(plain, 'receive-pack', { hangUp }, 1);
      expect(await adapter.push([update])).toEqual({ ok: true });
      plain.setHook(undefined);
      expect(seen.count).toBe(2);
      expect((await plain.refs(repo)).get(update.ref)).toBe(next);
    },
  );

  it('without a token and push-mode auto: our request once on a 4xx answer, then git push once', async () => {
    const { repo, adapter, update } = await setUp(plain, false);
    failing(plain, 'receive-pack', { status: 400, body: 'bad request\n' });
    const e = await failure(adapter.push([update]));
    plain.setHook(undefined);
    expect(e).toBeInstanceOf(SnapbackError);
    expect(e).not.toBeInstanceOf(TransientError);
    expect(services(plain)).toEqual(['POST receive-pack', 'GET info-refs', 'POST receive-pack']);
    expect((await plain.refs(repo)).has(update.ref)).toBe(false);
  });
});

describe('our receive-pack request (with a token), counted at the server', () => {
  it('sends it once on a 4xx answer, then once with git push, and no more', async () => {
    const { repo, adapter, update } = await setUp(server, true);
    failing(server, 'receive-pack', { status: 400, body: 'bad request\n' });
    const e = await failure(adapter.push([update]));
    server.setHook(undefined);
    expect(e).toBeInstanceOf(SnapbackError);
    expect(e).not.toBeInstanceOf(TransientError);
    // Ours (a lone POST), then git push's advertisement and POST: nothing is asked twice.
    expect(services(server)).toEqual(['POST receive-pack', 'GET info-refs', 'POST receive-pack']);
    expect((await server.refs(repo)).has(update.ref)).toBe(false);
  });

  it('sends it exactly once when the token is refused', async () => {
    const { adapter, update } = await setUp(server, true);
    failing(server, 'receive-pack', { status: 403, body: 'forbidden\n' });
    const e = await failure(adapter.push([update]));
    server.setHook(undefined);
    expect(e).toMatchObject({ code: 'auth-failed' });
    expect(services(server)).toEqual(['POST receive-pack']);
  });

  it.each([503, 408, 429])('sends it again after %i until it lands', async (status) => {
    const { repo, adapter, update, next } = await setUp(server, true);
    const seen = failing(server, 'receive-pack', { status, body: 'busy\n' }, 1);
    expect(await adapter.push([update])).toEqual({ ok: true });
    server.setHook(undefined);
    expect(seen.count).toBe(2);
    // Both were our own request: git push (with its advertisement) never ran.
    expect(services(server)).toEqual(Array(2).fill('POST receive-pack'));
    expect((await server.refs(repo)).get(update.ref)).toBe(next);
  });

  it.each(['reset', 'close', 'mid-answer'] as const)(
    'sends it again after the connection is lost (%s)',
    async (hangUp) => {
      const { repo, adapter, update, next } = await setUp(server, true);
      const seen = failing(server, 'receive-pack', { hangUp }, 1);
      expect(await adapter.push([update])).toEqual({ ok: true });
      server.setHook(undefined);
      expect(seen.count).toBe(2);
      expect(services(server)).toEqual(['POST receive-pack', 'POST receive-pack']);
      expect((await server.refs(repo)).get(update.ref)).toBe(next);
    },
  );
});

describe('listing refs (one ls-refs request), counted at the server', () => {
  it.each([400, 410])('asks exactly once when the server answers %i', async (status) => {
    const { adapter } = await setUp(server, true);
    const seen = failing(server, 'upload-pack', { status, body: 'no\n' });
    const e = await failure(adapter.listRemoteRefs(['refs/versions/']));
    server.setHook(undefined);
    expect(e).toBeInstanceOf(SnapbackError);
    expect(e).not.toBeInstanceOf(TransientError);
    expect(seen.count).toBe(1);
  });

  it('lists every prefix in one request, with no capabilities round trip before it', async () => {
    const { adapter, next, update } = await setUp(server, true);
    expect(await adapter.push([update])).toEqual({ ok: true });
    server.resetLog();
    const refs = await adapter.listRemoteRefs(['refs/versions/', 'refs/heads/']);
    expect(refs.get('refs/versions/t/1')).toBe(next);
    expect(refs.has('refs/heads/main')).toBe(true);
    expect(services(server)).toEqual(['POST upload-pack']);
    expect(server.requests[0]!.command).toBe('ls-refs');
  });

  it('a server that does not answer in protocol v2 is listed by git instead', async () => {
    const { adapter, next, update } = await setUp(server, true);
    expect(await adapter.push([update])).toEqual({ ok: true });
    server.resetLog();
    // A version-0 answer (what a server without v2 sends): not a v2 listing.
    const seen = failing(server, 'upload-pack', { status: 200, body: '0008NAK\n0000' }, 1);
    const refs = await adapter.listRemoteRefs(['refs/versions/']);
    server.setHook(undefined);
    expect(refs.get('refs/versions/t/1')).toBe(next);
    expect(seen.count).toBeGreaterThanOrEqual(1);
    expect(services(server)).toContain('GET info-refs');
  });

  it.each([502, 429])('asks again after %i', async (status) => {
    const { adapter } = await setUp(server, true);
    const seen = failing(server, 'upload-pack', { status, body: 'busy\n' }, 1);
    expect(await adapter.listRemoteRefs(['refs/heads/'])).toHaveProperty('size', 1);
    server.setHook(undefined);
    expect(seen.count).toBe(2);
  });

  it.each(['reset', 'close'] as const)(
    'asks again after a lost connection (%s)',
    async (hangUp) => {
      const { adapter } = await setUp(server, true);
      const seen = failing(server, 'upload-pack', { hangUp }, 1);
      expect(await adapter.listRemoteRefs(['refs/heads/'])).toHaveProperty('size', 1);
      server.setHook(undefined);
      expect(seen.count).toBe(2);
    },
  );
});
