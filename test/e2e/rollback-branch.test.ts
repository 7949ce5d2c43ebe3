/**
 * The rollback branch `snapback/rollback/<track>` belongs to snapback only while its tip is a
 * commit snapback made: a commit a person pushed there (on top, or an amended copy that keeps
 * our message) is never overwritten, and the run stops with `branch-not-ours`. A dispatch that
 * has nothing new to say pushes nothing and writes nothing to the API. Every test builds its
 * own repository, so each passes alone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  inertnessProblems,
  pushCommit,
  runAction,
  startFakeGitHub,
  startGitServer,
  tempDir,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'rollback-branch-token';
const BRANCH = 'snapback/rollback/conf';
let server: GitServer;
let api: FakeGitHub;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
});
afterEach(() => {
  expect(api.violations).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

/** A repository with v1 and v2 of track `conf` recorded; main holds v2's files. */
async function twoVersions(repo: string): Promise<void> {
  await createRemoteRepo(server, repo, { 'conf/app.json': '{"v":1}', 'src/a.py': 'a' });
  api.addRepo(repo);
  for (const v of [1, 2]) {
    if (v === 2) await pushCommit(server, repo, { 'conf/app.json': '{"v":2}' });
    const ws = await checkout(server, repo, { token: TOKEN });
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { track: 'conf', paths: 'conf/**' },
    });
    expect(r.outputs.version, r.stderr + r.stdout).toBe(String(v));
  }
}

async function dispatch(repo: string, inputs: Record<string, string> = {}) {
  const ws = await checkout(server, repo, { token: TOKEN });
  return runAction({
    workspace: ws,
    server,
    repo,
    token: TOKEN,
    eventName: 'workflow_dispatch',
    env: { GITHUB_API_URL: api.url },
    inputs: { command: 'rollback', track: 'conf', paths: 'conf/**', version: '1', ...inputs },
  });
}

const tip = async (repo: string) =>
  (await server.git(repo, ['rev-parse', `refs/heads/${BRANCH}`])).trim();

/** What the next run did on either server: pushes, and API calls that change something. */
function watch() {
  server.resetLog();
  const from = api.requests.length;
  return {
    pushes: () => server.requests.filter((q) => q.gitService === 'git-receive-pack'),
    apiWrites: () =>
      api.requests.slice(from).filter((q) => q.method !== 'GET' && q.method !== 'HEAD'),
  };
}

/** A person's clone of the rollback branch, with their name on what they commit. */
async function personClone(repo: string): Promise<string> {
  const dir = tempDir('person');
  await git(dir, ['clone', '-q', '--branch', BRANCH, server.repoPath(repo), '.']);
  await git(dir, ['config', 'user.name', 'A Person']);
  await git(dir, ['config', 'user.email', 'person@example.invalid']);
  return dir;
}

describe('rollback branch', () => {
  it('a second dispatch with nothing new pushes nothing and makes no API write', async () => {
    const repo = 'acme/rb-idempotent';
    await twoVersions(repo);
    const extras = { labels: 'rollback', assignees: 'octocat', reviewers: 'hubot' };
    const first = await dispatch(repo, { ...extras, reason: 'v2 is broken' });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.outputs['pull-request-operation']).toBe('created');
    // The summary links the pull request, and nothing else.
    const url = first.outputs['pull-request-url']!;
    expect(first.summary).toContain(`](${url})`);
    expect(inertnessProblems(first.summary, url)).toEqual([]);
    const before = await tip(repo);
    const pull = api.pullRequests(repo)[0]!;

    const seen = watch();
    const again = await dispatch(repo, { ...extras, reason: 'v2 is broken' });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    await server.idle();
    expect(seen.pushes()).toEqual([]);
    expect(seen.apiWrites()).toEqual([]);
    expect(await tip(repo)).toBe(before);
    expect(again.outputs).toMatchObject({
      'pull-request-operation': 'unchanged',
      'pull-request-number': first.outputs['pull-request-number'],
      commit: before,
    });
    expect(api.pullRequests(repo)).toEqual([pull]);
  });

  it("a person's commit on top of the branch is never overwritten: branch-not-ours", async () => {
    const repo = 'acme/rb-on-top';
    await twoVersions(repo);
    const first = await dispatch(repo);
    expect(first.code, first.stderr + first.stdout).toBe(0);

    const dir = await personClone(repo);
    await git(dir, ['commit', '-q', '--allow-empty', '-m', 'Fix the rollback by hand']);
    await git(dir, ['push', '-q', 'origin', BRANCH]);
    const theirs = await tip(repo);
    // The base moves on too, so snapback would have a new commit to push.
    await pushCommit(server, repo, { 'src/b.py': 'b' });

    const seen = watch();
    const r = await dispatch(repo);
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toContain(`The branch '${BRANCH}' has a commit snapback did not make`);
    expect(error).toContain(theirs.slice(0, 12));
    await server.idle();
    expect(await tip(repo)).toBe(theirs);
    expect(seen.pushes()).toEqual([]);
    expect(seen.apiWrites()).toEqual([]);
  });

  it("an amended copy of snapback's commit (same message and trailers, a person's committer) is not ours", async () => {
    const repo = 'acme/rb-amended';
    await twoVersions(repo);
    const first = await dispatch(repo);
    expect(first.code, first.stderr + first.stdout).toBe(0);

    const dir = await personClone(repo);
    await git(dir, ['rm', '-q', 'src/a.py']);
    await git(dir, ['commit', '-q', '--amend', '--no-edit']);
    await git(dir, ['push', '-q', '--force', 'origin', BRANCH]);
    const theirs = await tip(repo);
    await pushCommit(server, repo, { 'src/b.py': 'b' });

    const seen = watch();
    const r = await dispatch(repo);
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === 'error')?.message).toContain(
      'has a commit snapback did not make',
    );
    await server.idle();
    expect(await tip(repo)).toBe(theirs);
    expect(seen.pushes()).toEqual([]);
    expect(seen.apiWrites()).toEqual([]);
  });
});
