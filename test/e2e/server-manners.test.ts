/**
 * What GitHub does that a polite server does not: it answers a second Authorization header with
 * 400, limits ref updates per push, and rate-limits with 429 and Retry-After. The test server
 * does the same; snapback must cope with each.
 */
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
}, 60_000);
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
  }, 60_000);
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
  }, 60_000);

  it('auto (the default): one POST and no advertisement', async () => {
    await writeTree(ws, { 'conf/app.toml': 'mode = "auto"\n' });
    server.resetLog();
    const r = await run({ track: 'mode', paths: 'conf/**' });
    expect(r.code, r.stdout).toBe(0);
    const pushes = server.requests.filter((e) => e.gitService === 'git-receive-pack');
    expect(pushes.map((e) => `${e.method} ${e.service}`)).toEqual(['POST receive-pack']);
  }, 60_000);
});
