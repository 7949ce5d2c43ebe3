/**
 * The token never shows, in any form (raw, the Basic credentials actually sent, base64 inside
 * other text, a URL carrying it), on any surface of a run: stdout and stderr, outputs and the
 * files they name, the job summary, annotations, pull request comments and bodies, what was sent
 * to the API, and every object written to the repository. The failure paths are the ones that
 * relay someone else's words: git's stderr, a failed push, GitHub's error messages. Each server
 * here echoes the credentials back, as a misconfigured proxy or server might.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  echoes,
  expectMasked,
  expectNoSecrets,
  pushCommit,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'ghs_Jt0kenNeverShown0nAnySurface9876';
const PR_TOKEN = 'github_pat_11PrT0kenAls0NeverShown55';
let server: GitServer;
let api: FakeGitHub;
/** Every body the action sent to the API, as JSON. */
let sent: string[] = [];

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  api.addToken(PR_TOKEN, { login: 'release-bot', type: 'User', isActionsToken: false });
});
afterEach(() => {
  server.setHook(undefined);
  api.setHook(undefined);
  expect(api.violations).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

/** Records every request body sent to the fake API, then lets `then` answer (or not). */
function recordApiBodies(
  then: (operationId: string) => { status: number; body: unknown } | void = () => undefined,
) {
  sent = [];
  api.setHook((req) => {
    sent.push(JSON.stringify(req.body ?? null));
    return then(req.operationId);
  });
}

/** Everything stored in the repository on the server: every object, refs and notes included. */
async function repositoryText(repo: string): Promise<string> {
  return server.git(repo, ['cat-file', '--batch-all-objects', '--batch']);
}

async function setup(repo: string): Promise<string> {
  await createRemoteRepo(server, repo, { 'conf/app.json': '{"a":1}', 'src/x.py': 'x' });
  const ws = await checkout(server, repo, { token: TOKEN });
  const r = await runAction({
    workspace: ws,
    server,
    repo,
    token: TOKEN,
    inputs: { track: 'conf', paths: 'conf/**', reason: 'first' },
  });
  expect(r.code, r.stderr + r.stdout).toBe(0);
  expectMasked(r, [TOKEN]);
  expectNoSecrets(r, [TOKEN], { repository: await repositoryText(repo) });
  return ws;
}

describe('the token stays hidden', () => {
  it('a push whose refusal echoes the credentials (our POST, then git push) fails without them', async () => {
    const repo = 'acme/token-push';
    const ws = await setup(repo);
    await writeTree(ws, { 'conf/app.json': '{"a":2}' });
    // Our receive-pack POST gets a 400 (so git push is tried), git push's advertisement too.
    server.setHook((req) =>
      req.gitService === 'git-receive-pack' ? { status: 400, body: echoes(TOKEN) } : undefined,
    );
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { track: 'conf', paths: 'conf/**' },
    });
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === 'error')?.message).toMatch(/git push/);
    expectMasked(r, [TOKEN]);
    expectNoSecrets(r, [TOKEN]);
  });

  it("a fetch refused with bodies and git's remote error echoing the credentials fails without them", async () => {
    const repo = 'acme/token-fetch';
    const ws = await setup(repo);
    await writeTree(ws, { 'conf/app.json': '{"a":3}' });
    const second = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { track: 'conf', paths: 'conf/**' },
    });
    expect(second.code, second.stderr).toBe(0);
    // A protocol error line, which git prints as "remote error: …" and we relay.
    const errLine = `ERR access denied: ${echoes(TOKEN).replace(/\n/g, '; ')}\n`;
    const errPacket = `${(errLine.length + 4).toString(16).padStart(4, '0')}${errLine}`;
    const answers = [
      { status: 403, body: echoes(TOKEN) },
      { status: 500, body: echoes(TOKEN) },
      {
        status: 200,
        body: errPacket,
        headers: { 'Content-Type': 'application/x-git-upload-pack-result' },
      },
    ];
    for (const answer of answers) {
      server.setHook(undefined);
      // A fresh clone has no version objects: the diff must fetch them, and git is refused.
      const fresh = await checkout(server, repo, { token: TOKEN });
      server.setHook((req) =>
        req.service === 'upload-pack' && req.body?.includes('command=fetch') ? answer : undefined,
      );
      const r = await runAction({
        workspace: fresh,
        server,
        repo,
        token: TOKEN,
        inputs: { command: 'diff', track: 'conf', from: '1', to: '2' },
      });
      expect(r.code, `HTTP ${answer.status}`).toBe(1);
      const error = r.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toMatch(/git fetch/);
      if (answer.status === 200) expect(error).toContain('access denied');
      expectNoSecrets(r, [TOKEN]);
    }
  });

  it('a pull request comment: the body, what was sent, and GitHub echoing the token in a refusal', async () => {
    const repo = 'acme/token-comment';
    const ws = await setup(repo);
    api.addRepo(repo);
    const pr = api.addPullRequest(repo, { title: 'T', head: 'tune', base: 'main' });
    await writeTree(ws, { 'conf/app.json': '{"a":4}' });
    const prRun = () =>
      runAction({
        workspace: ws,
        server,
        repo,
        token: TOKEN,
        eventName: 'pull_request',
        event: { pull_request: { number: pr } },
        env: { GITHUB_API_URL: api.url },
        inputs: { command: 'diff', track: 'conf', paths: 'conf/**' },
      });

    recordApiBodies();
    const ok = await prRun();
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    const comments = api.comments(repo, pr);
    expect(comments).toHaveLength(1);
    expectMasked(ok, [TOKEN]);
    expectNoSecrets(ok, [TOKEN], {
      comments: JSON.stringify(comments),
      'API requests': sent.join('\n'),
    });

    // GitHub refuses the update, quoting the credentials in its message.
    await writeTree(ws, { 'conf/app.json': '{"a":5}' });
    recordApiBodies((op) =>
      op === 'issues/update-comment'
        ? { status: 422, body: { message: echoes(TOKEN), documentation_url: 'https://docs' } }
        : undefined,
    );
    const refused = await prRun();
    expect(refused.code).toBe(1);
    expectNoSecrets(refused, [TOKEN], { 'API requests': sent.join('\n') });
  });

  it('rollback with a pr-token: both masked, neither in the branch, the pull request or a relayed refusal', async () => {
    const repo = 'acme/token-rollback';
    await setup(repo);
    await pushCommit(server, repo, { 'conf/app.json': '{"a":9}', 'src/x.py': 'x' });
    api.addRepo(repo);
    recordApiBodies((op) =>
      op === 'issues/add-labels'
        ? {
            status: 422,
            body: { message: echoes(PR_TOKEN) + echoes(TOKEN), documentation_url: 'https://d' },
          }
        : undefined,
    );
    const ws = await checkout(server, repo, { token: TOKEN });
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      eventName: 'workflow_dispatch',
      env: { GITHUB_API_URL: api.url },
      inputs: {
        command: 'rollback',
        track: 'conf',
        paths: 'conf/**',
        version: '1',
        labels: 'rollback',
        'pr-token': PR_TOKEN,
      },
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs['pull-request-operation']).toBe('created');
    // The refusal is relayed as a warning, in GitHub's words, less the credentials.
    expect(r.annotations.some((a) => a.level === 'warning' && /labels/.test(a.message))).toBe(true);
    expectMasked(r, [TOKEN, PR_TOKEN]);
    expectNoSecrets(r, [TOKEN, PR_TOKEN], {
      'pull requests': JSON.stringify(api.pullRequests(repo)),
      'API requests': sent.join('\n'),
      repository: await repositoryText(repo),
    });
  });
});
