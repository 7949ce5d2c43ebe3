/**
 * What GitHub does that a polite server does not: it answers a second Authorization header with
 * 400, limits ref updates per push, and rate-limits with 429 and Retry-After. The test server
 * does the same; snapback must cope with each.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuth,
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  GitError,
  runAction,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'ghs_manners_token';
const REPO = 'acme/manners';
let server: GitServer;
let ws: string;

const run = (inputs: Record<string, string>) =>
  runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs });

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'conf/app.toml': 'a = 1\n' });
  // As actions/checkout leaves it: the token persisted as an Authorization extraheader.
  ws = await checkout(server, REPO, { token: TOKEN });
});
afterAll(async () => {
  server?.setHook(undefined);
  await server?.close();
  await cleanupTempDirs();
});

describe('duplicate Authorization headers', () => {
  it('the server answers two Authorization headers with 400, as GitHub does', async () => {
    const dir = tempDir('two-headers');
    const header = `http.extraheader=AUTHORIZATION: ${basicAuth(TOKEN)}`;
    server.resetLog();
    const err = await git(dir, ['-c', header, '-c', header, 'ls-remote', server.repoUrl(REPO)])
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect(server.requests.map((e) => e.status)).toEqual([400]);
  });

  it('a checkout with a persisted extraheader still records, fetches and pushes: one header each time', async () => {
    // A first version, then a second from a fresh checkout, which must fetch the notes and the
    // first version with git (whose config then holds the checkout's header and ours).
    for (const n of [1, 2]) {
      const workspace = n === 1 ? ws : await checkout(server, REPO, { token: TOKEN });
      await writeTree(workspace, { 'conf/app.toml': `a = ${n}\n` });
      server.resetLog();
      const r = await runAction({
        workspace,
        server,
        repo: REPO,
        token: TOKEN,
        inputs: { track: 'headers', paths: 'conf/**' },
      });
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs.version).toBe(String(n));
      await server.idle();
      expect(server.requests.filter((e) => e.status === 400)).toEqual([]);
      expect(server.requests.filter((e) => e.service === 'receive-pack')).toHaveLength(1);
    }
    expect(server.requests.some((e) => e.service === 'upload-pack' && e.command === 'fetch')).toBe(
      true,
    );
  });
});

describe('push-mode', () => {
  it('git: record goes through git push (advertisement, then the request), not our single POST', async () => {
    await writeTree(ws, { 'conf/app.toml': 'mode = "git"\n' });
    server.resetLog();
    const r = await run({ track: 'mode', paths: 'conf/**', 'push-mode': 'git' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.version).toBe('1');
    const pushes = server.requests.filter((e) => e.gitService === 'git-receive-pack');
    expect(pushes.map((e) => `${e.method} ${e.service}`)).toEqual([
      'GET info-refs',
      'POST receive-pack',
    ]);
    expect((await server.refs(REPO)).get('refs/versions/mode/1')).toBeDefined();
  });

  it('auto (the default): one POST and no advertisement', async () => {
    await writeTree(ws, { 'conf/app.toml': 'mode = "auto"\n' });
    server.resetLog();
    const r = await run({ track: 'mode', paths: 'conf/**' });
    expect(r.code, r.stdout).toBe(0);
    const pushes = server.requests.filter((e) => e.gitService === 'git-receive-pack');
    expect(pushes.map((e) => `${e.method} ${e.service}`)).toEqual(['POST receive-pack']);
  });
});

describe('a push policy capping ref updates per push', () => {
  const POLICY_REPO = 'acme/policy';
  const MAX = 4;
  /** Counts the commands (stdin lines), writes each count down, refuses above MAX like GitHub. */
  const policyHook = [
    'n=$(wc -l | tr -d " ")',
    'echo "$n" >> commands-per-push',
    `if [ "$n" -gt ${MAX} ]; then`,
    `  echo "maximum ref updates exceeded: $n commands sent but max allowed is ${MAX}" >&2`,
    '  exit 1',
    'fi',
  ].join('\n');

  it('prune is refused in one request, then deletes in batches of at most M, each with its notes', async () => {
    await createRemoteRepo(server, POLICY_REPO, { 'model/w.json': '0' });
    const pws = await checkout(server, POLICY_REPO, { token: TOKEN });
    const act = (inputs: Record<string, string>) =>
      runAction({ workspace: pws, server, repo: POLICY_REPO, token: TOKEN, inputs });
    for (let i = 1; i <= 12; i++) {
      await writeTree(pws, { 'model/w.json': String(i) });
      expect((await act({ track: 'model', paths: 'model/**' })).code).toBe(0);
    }
    expect((await act({ command: 'promote', track: 'model', version: '12' })).code).toBe(0);
    const before = await server.refs(POLICY_REPO, 'refs/versions/model/');
    const notesBefore = await server.git(POLICY_REPO, [
      'rev-list',
      '--count',
      'refs/notes/versions',
    ]);
    await server.setPreReceive(POLICY_REPO, policyHook);
    server.resetLog();

    const r = await act({ command: 'prune', track: 'model', 'keep-last': '2' });
    await server.setPreReceive(POLICY_REPO, undefined);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.pruned!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.stdout).toContain(`at most ${MAX} ref updates per push`);
    // 10 deletions + 1 alias check + the notes ref, refused; then 2 deletions + check + notes, 5 times.
    const counts = (await readFile(join(server.repoPath(POLICY_REPO), 'commands-per-push'), 'utf8'))
      .trim()
      .split('\n')
      .map(Number);
    expect(counts).toEqual([12, 4, 4, 4, 4, 4]);
    expect(server.requests.filter((e) => e.service === 'receive-pack')).toHaveLength(6);
    const after = await server.refs(POLICY_REPO, 'refs/versions/model/');
    expect([...after.keys()].sort()).toEqual([
      'refs/versions/model/11',
      'refs/versions/model/12',
      'refs/versions/model/aliases/active',
    ]);
    // Each batch moved the notes ref once, and every pruned version's note says so.
    const notesAfter = await server.git(POLICY_REPO, [
      'rev-list',
      '--count',
      'refs/notes/versions',
    ]);
    expect(Number(notesAfter) - Number(notesBefore)).toBe(5);
    for (let n = 1; n <= 10; n++) {
      const note = await server.git(POLICY_REPO, [
        'notes',
        '--ref=versions',
        'show',
        before.get(`refs/versions/model/${n}`)!,
      ]);
      expect(note).toMatch(new RegExp(`"event":"pruned".*"version":${n}\\b`));
    }
    expect(await server.fsck(POLICY_REPO)).toMatchObject({ ok: true });
  });
});

describe('a rate-limiting git server', () => {
  /** Answers 429 + Retry-After to the first request of each kind (method, endpoint, client). */
  function limitOncePerKind(retryAfter: string) {
    const seen = new Set<string>();
    const limited: string[] = [];
    server.setHook((req) => {
      const kind = `${req.method} ${req.service} ${String(req.headers['user-agent'])}`;
      if (seen.has(kind)) return;
      seen.add(kind);
      limited.push(kind);
      return { status: 429, body: 'Too Many Requests\n', headers: { 'Retry-After': retryAfter } };
    });
    return limited;
  }

  it('429 with Retry-After: the run waits as told and carries on, on every path', async () => {
    const limited = limitOncePerKind('1');
    try {
      // Direct request (ref listing, our push), then git push (its advertisement and push).
      for (const mode of ['auto', 'git']) {
        await writeTree(ws, { 'conf/app.toml': `limited = "${mode}"\n` });
        server.resetLog();
        const r = await run({ track: 'limited', paths: 'conf/**', 'push-mode': mode });
        expect(r.code, r.stdout).toBe(0);
        // The refused attempt is repeated on the same path, not handed to the other.
        const pushes = server.requests.filter((e) => e.gitService === 'git-receive-pack');
        expect(pushes.map((e) => `${e.status} ${e.method} ${e.service}`)).toEqual(
          mode === 'auto'
            ? ['429 POST receive-pack', '200 POST receive-pack']
            : [
                '429 GET info-refs',
                '200 GET info-refs',
                '429 POST receive-pack',
                '200 GET info-refs',
                '200 POST receive-pack',
              ],
        );
        // Our own requests read Retry-After; git's own HTTP hides it, so a guess is waited.
        expect(r.stdout).toMatch(
          mode === 'auto'
            ? /rate-limiting requests \(HTTP 429\); waiting 1 s as it asked/
            : /rate-limiting requests \(HTTP 429\); waiting 5 s before trying to push again/,
        );
      }
    } finally {
      server.setHook(undefined);
    }
    const kinds = limited.map((k) => k.split(' ').slice(0, 2).join(' '));
    expect(kinds).toEqual(
      expect.arrayContaining(['GET info-refs', 'POST upload-pack', 'POST receive-pack']),
    );
    // git's own client too (git push's advertisement), whose error does not show the header.
    expect(limited.some((k) => k.startsWith('GET info-refs git/2'))).toBe(true);
    expect([...(await server.refs(REPO, 'refs/versions/limited/')).keys()].sort()).toEqual([
      'refs/versions/limited/1',
      'refs/versions/limited/2',
    ]);
  });

  it('a wait beyond the budget fails at once, saying it is a rate limit, with a hint', async () => {
    server.setHook(() => ({
      status: 429,
      body: 'Too Many Requests\n',
      headers: { 'Retry-After': '3600' },
    }));
    try {
      await writeTree(ws, { 'conf/app.toml': 'limited = "long"\n' });
      const r = await run({ track: 'limited', paths: 'conf/**' });
      expect(r.code).not.toBe(0);
      const error = r.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toContain('rate-limiting requests (HTTP 429) and asked to wait 3600 s');
      expect(error).toMatch(/Hint: .*Re-run the job later/);
      expect(error).not.toMatch(/\n\s+at /);
    } finally {
      server.setHook(undefined);
    }
  });
});
