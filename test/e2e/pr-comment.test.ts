/**
 * The sticky pull request comment, end to end: dist/index.js on a pull_request event, against
 * the git server and the fake GitHub API (every request and answer checked against GitHub's
 * OpenAPI description).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'pr-token';
const READ_ONLY = 'fork-token';
let server: GitServer;
let api: FakeGitHub;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  api.addToken(READ_ONLY, {
    permissions: { contents: 'read', 'pull-requests': 'read', issues: 'read' },
  });
});
afterEach(() => {
  // Every request the product made and every answer it got matched GitHub's description.
  // Cleared either way, so one test's violations do not fail the tests after it.
  const left = [...api.violations];
  api.clearViolations();
  expect(left).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

/** A repository with v1 of `config` recorded and an open PR; returns the PR's workspace. */
async function pullRequestSetup(
  repo: string,
  files: Record<string, string>,
  git = server,
): Promise<{ ws: string; pr: number }> {
  await createRemoteRepo(git, repo, files);
  const ws = await checkout(git, repo, { token: TOKEN });
  const r = await runAction({
    workspace: ws,
    server: git,
    repo,
    token: TOKEN,
    inputs: { track: 'config', paths: 'conf/**' },
  });
  expect(r.code, r.stderr).toBe(0);
  api.addRepo(repo);
  const pr = api.addPullRequest(repo, { title: 'Tune the model', head: 'tune', base: 'main' });
  return { ws, pr };
}

function prRun(
  ws: string,
  repo: string,
  pr: number,
  token = TOKEN,
  git = server,
  extra: Record<string, string> = {},
) {
  return runAction({
    workspace: ws,
    server: git,
    repo,
    token,
    eventName: 'pull_request',
    event: {
      action: 'synchronize',
      number: pr,
      pull_request: { number: pr, head: { sha: 'c0ffee'.padEnd(40, '0') }, base: { ref: 'main' } },
    },
    env: { GITHUB_API_URL: api.url },
    inputs: { command: 'diff', track: 'config', paths: 'conf/**', ...extra },
  });
}

const writesTo = (repo: string) =>
  api.requests.filter((q) => q.method !== 'GET' && q.path.includes(`/repos/${repo}/`));

describe('sticky PR comment', () => {
  it('creates one comment, then updates the same one after a push, and says when nothing differs', async () => {
    const repo = 'acme/pr-basic';
    const { ws, pr } = await pullRequestSetup(repo, { 'conf/app.json': '{"llm":{"model":"a"}}' });

    await writeTree(ws, { 'conf/app.json': '{"llm":{"model":"b"}}' });
    const first = await prRun(ws, repo, pr);
    expect(first.code, first.stderr + first.stdout).toBe(0);
    let comments = api.comments(repo, pr);
    expect(comments).toHaveLength(1);
    expect(first.outputs['comment-id']).toBe(String(comments[0]!.id));
    expect(comments[0]!.body).toMatch(/^<!-- snapback:diff tracks=config -->/);
    expect(comments[0]!.body).toContain('| changed | llm.model | "a" | "b" |');
    expect(comments[0]!.body).toContain('v1 (latest) → work tree');

    await writeTree(ws, { 'conf/app.json': '{"llm":{"model":"c"}}', 'conf/extra.yaml': 'x: 1\n' });
    const second = await prRun(ws, repo, pr);
    expect(second.code, second.stderr).toBe(0);
    comments = api.comments(repo, pr);
    expect(comments).toHaveLength(1);
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id']);
    expect(comments[0]!.body).toContain('"c"');
    expect(comments[0]!.body).toContain('conf/extra.yaml');

    await writeTree(ws, { 'conf/app.json': '{"llm":{"model":"a"}}' });
    const { rm } = await import('node:fs/promises');
    await rm(`${ws}/conf/extra.yaml`);
    const same = await prRun(ws, repo, pr);
    expect(same.code, same.stderr).toBe(0);
    comments = api.comments(repo, pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('No changes');
  });

  it('finds its comment across pages of other comments', async () => {
    const repo = 'acme/pr-pages';
    const { ws, pr } = await pullRequestSetup(repo, { 'conf/a.json': '{"a":1}' });
    await writeTree(ws, { 'conf/a.json': '{"a":2}' });
    const first = await prRun(ws, repo, pr);
    expect(first.code, first.stderr).toBe(0);
    // 250 comments by people after ours: ours is on the first of three pages, then moves on.
    const { getOctokit } = await import('@actions/github');
    api.addToken('human', { login: 'reviewer', type: 'User' });
    const human = getOctokit('human', { baseUrl: api.url });
    for (let i = 0; i < 250; i++) {
      await human.rest.issues.createComment({
        owner: 'acme',
        repo: 'pr-pages',
        issue_number: pr,
        body: `looks good ${i}`,
      });
    }
    await writeTree(ws, { 'conf/a.json': '{"a":3}' });
    const second = await prRun(ws, repo, pr);
    expect(second.code, second.stderr).toBe(0);
    const ours = api.comments(repo, pr).filter((c) => c.body.startsWith('<!-- snapback:diff'));
    expect(ours).toHaveLength(1);
    expect(second.outputs['comment-id']).toBe(first.outputs['comment-id']);
  });

  it('two racing runs leave exactly one comment', async () => {
    const repo = 'acme/pr-race';
    const { ws, pr } = await pullRequestSetup(repo, { 'conf/a.json': '{"a":1}' });
    await writeTree(ws, { 'conf/a.json': '{"a":2}' });
    // Hold every comment listing until both runs have asked, so both see no comment and create.
    let waiting: (() => void)[] = [];
    api.setHook(async (req) => {
      if (req.operationId !== 'issues/list-comments' || waiting.length >= 2) return;
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 2) waiting.forEach((r) => r());
      });
    });
    try {
      const [a, b] = await Promise.all([prRun(ws, repo, pr), prRun(ws, repo, pr)]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
    } finally {
      api.setHook(undefined);
      waiting = [];
    }
    expect(api.comments(repo, pr)).toHaveLength(1);
  });

  it('a create whose answer was lost is found again, not duplicated', async () => {
    const repo = 'acme/pr-lost';
    const { ws, pr } = await pullRequestSetup(repo, { 'conf/a.json': '{"a":1}' });
    await writeTree(ws, { 'conf/a.json': '{"a":2}' });
    api.failAfterApplying('issues/create-comment', 1);
    api.resetLog();
    const r = await prRun(ws, repo, pr);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    // Looked again instead of posting a second time.
    expect(api.requests.filter((q) => q.operationId === 'issues/create-comment')).toHaveLength(1);
    expect(api.comments(repo, pr)).toHaveLength(1);
    expect(r.outputs['comment-id']).toBe(String(api.comments(repo, pr)[0]!.id));
  });

  it('10,000 changed files make a comment within 65,536 characters that says what was left out', async () => {
    const repo = 'acme/pr-huge';
    const many: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) many[`conf/gen/f${i}.json`] = `{"v":${i}}`;
    const { ws, pr } = await pullRequestSetup(repo, many);
    const changed: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) changed[`conf/gen/f${i}.json`] = `{"v":${i + 1}}`;
    await writeTree(ws, changed);
    const r = await prRun(ws, repo, pr);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs['changed-count']).toBe('10000');
    const [comment] = api.comments(repo, pr);
    expect(comment!.body.length).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toMatch(
      /Showing [\d,]+ of 10,000 files to stay within GitHub's size limit/,
    );
    expect(comment!.body).toContain('the job summary of this run');
    expect(r.summary.length).toBeGreaterThan(comment!.body.length);
  });

  it('never edits or deletes a comment with our marker that someone else wrote, nor one for other tracks', async () => {
    const repo = 'acme/pr-not-ours';
    const { ws, pr } = await pullRequestSetup(repo, { 'conf/a.json': '{"a":1}' });
    const { getOctokit } = await import('@actions/github');
    api.addToken('mallory-token', { login: 'mallory', type: 'User' });
    const post = (token: string, body: string) =>
      getOctokit(token, { baseUrl: api.url }).rest.issues.createComment({
        owner: 'acme',
        repo: 'pr-not-ours',
        issue_number: pr,
        body,
      });
    // A person pastes our marker; our own identity has a comment for another set of tracks.
    await post('mallory-token', '<!-- snapback:diff tracks=config -->\nmine now');
    await post(TOKEN, '<!-- snapback:diff tracks=config,models -->\nanother set');
    const others = api.comments(repo, pr);

    for (const value of [2, 3]) {
      await writeTree(ws, { 'conf/a.json': `{"a":${value}}` });
      const r = await prRun(ws, repo, pr);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const now = api.comments(repo, pr);
      // The other two exactly as they were (same body, never updated), and one of ours.
      expect(now.slice(0, 2)).toEqual(others);
      expect(now).toHaveLength(3);
      expect(now[2]).toMatchObject({ user: 'github-actions[bot]' });
      expect(now[2]!.body).toMatch(/^<!-- snapback:diff tracks=config -->/);
      expect(now[2]!.body).toContain(`${value}`);
      expect(r.outputs['comment-id']).toBe(String(now[2]!.id));
    }
  });

  it('with a token that knows its login, comments by anyone else (bots included) are not ours', async () => {
    const repo = 'acme/pr-known-login';
    // A git server that lets any token read, so the personal token can run the diff.
    const open = await startGitServer();
    try {
      const { ws, pr } = await pullRequestSetup(repo, { 'conf/a.json': '{"a":1}' }, open);
      api.addToken('pat-token', { login: 'octocat', type: 'User', isActionsToken: false });
      await writeTree(ws, { 'conf/a.json': '{"a":2}' });
      const asBot = await prRun(ws, repo, pr, TOKEN, open);
      expect(asBot.code, asBot.stderr + asBot.stdout).toBe(0);
      const botComment = api.comments(repo, pr);
      expect(botComment).toHaveLength(1);

      for (const value of [3, 4]) {
        await writeTree(ws, { 'conf/a.json': `{"a":${value}}` });
        const r = await prRun(ws, repo, pr, 'pat-token', open);
        expect(r.code, r.stderr + r.stdout).toBe(0);
        const now = api.comments(repo, pr);
        expect(now[0]).toEqual(botComment[0]);
        expect(now).toHaveLength(2);
        expect(now[1]).toMatchObject({ user: 'octocat' });
        expect(now[1]!.body).toContain(`${value}`);
      }
    } finally {
      await open.close();
    }
  });

  it('without pull-requests: write it warns once, writes the summary, and does not fail', async () => {
    const repo = 'acme/pr-fork';
    // A git server that lets any token read, as a public repository does.
    const open = await startGitServer();
    try {
      const { ws, pr } = await pullRequestSetup(repo, { 'conf/a.json': '{"a":1}' }, open);
      await writeTree(ws, { 'conf/a.json': '{"a":2}' });
      const r = await prRun(ws, repo, pr, READ_ONLY, open);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const warnings = r.annotations.filter((a) => a.level === 'warning');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain('pull-requests: write');
      expect(r.summary).toContain('conf/a.json');
      expect(api.comments(repo, pr)).toHaveLength(0);
    } finally {
      await open.close();
    }
  });

  it('comment modes: update-only never creates, changes-only deletes when nothing differs, off writes nothing', async () => {
    const repo = 'acme/pr-modes';
    const { ws, pr } = await pullRequestSetup(repo, { 'conf/app.json': '{"a":1}' });
    await writeTree(ws, { 'conf/app.json': '{"a":2}' });

    const off = await prRun(ws, repo, pr, TOKEN, server, { comment: 'off' });
    expect(off.code, off.stderr + off.stdout).toBe(0);
    expect(off.outputs['comment-operation']).toBe('skipped');
    expect(api.requests.filter((q) => q.path.includes(`/repos/${repo}/`))).toEqual([]);

    const update = await prRun(ws, repo, pr, TOKEN, server, { comment: 'update-only' });
    expect(update.code, update.stderr + update.stdout).toBe(0);
    expect(update.outputs).toMatchObject({ 'comment-operation': 'skipped', 'comment-id': '' });
    expect(api.comments(repo, pr)).toEqual([]);
    expect(writesTo(repo)).toEqual([]);

    const created = await prRun(ws, repo, pr, TOKEN, server, { comment: 'changes-only' });
    expect(created.outputs['comment-operation']).toBe('created');
    const [comment] = api.comments(repo, pr);
    expect(comment!.body).toContain(
      'against the files of pull request #1 (head `c0ffee0` merged into main) as this run checked them out',
    );
    expect(comment!.body).toMatch(
      /<sub>Last changed \d{4}-\d\d-\d\d \d\d:\d\d UTC by \[this run\]\(http/,
    );

    // The same changes again: the comment is left as it is (its footer says when it last changed).
    const before = writesTo(repo).length;
    const same = await prRun(ws, repo, pr, TOKEN, server);
    expect(same.outputs['comment-operation']).toBe('unchanged');
    expect(writesTo(repo)).toHaveLength(before);

    // The pull request now changes nothing: changes-only removes the comment.
    await writeTree(ws, { 'conf/app.json': '{"a":1}' });
    const gone = await prRun(ws, repo, pr, TOKEN, server, { comment: 'changes-only' });
    expect(gone.code, gone.stderr + gone.stdout).toBe(0);
    expect(gone.outputs).toMatchObject({ 'comment-operation': 'deleted', 'comment-id': '' });
    expect(api.comments(repo, pr)).toEqual([]);

    const bad = await prRun(ws, repo, pr, TOKEN, server, { comment: 'sometimes' });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain("Input 'comment': 'sometimes' is not one of");
  });
});
