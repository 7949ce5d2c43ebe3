/**
 * Rollback pull requests, end to end through dist/index.js against the git server and the fake
 * GitHub API: the branch's tree checked by native git, update on a second dispatch, closing when
 * the base already holds the version, dry runs that change nothing on either server, the
 * rollback-of trailer after the merge, and GitHub's refusals.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  pushCommit,
  runAction,
  startFakeGitHub,
  startGitServer,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'rollback-token';
const REPO = 'acme/rollback';
const BRANCH = 'refs/heads/snapback/rollback/conf';
let server: GitServer;
let api: FakeGitHub;

/** The repository's content at each version: conf/** is the track, the rest is not. */
const CONTENT: Record<number, Record<string, string>> = {
  1: { 'conf/app.json': '{"model":"a"}', 'conf/extra.yaml': 'x: 1\n' },
  2: { 'conf/app.json': '{"model":"b","temperature":0.2}', 'conf/extra.yaml': 'x: 1\n' },
  3: { 'conf/app.json': '{"model":"c"}', 'conf/extra.yaml': 'x: 1\n', 'conf/new.json': '{}' },
  4: { 'conf/app.json': '{"model":"d"}', 'conf/new.json': '{"n":1}' },
  5: { 'conf/app.json': '{"model":"e"}', 'conf/new.json': '{"n":2}', 'conf/run.sh': 'echo' },
};
const OUTSIDE = { 'src/main.py': 'print("outside the track")\n', VERSION: '1.2.0\n' };

async function recordFromMain(): Promise<Record<string, string>> {
  const ws = await checkout(server, REPO, { token: TOKEN });
  const r = await runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { track: 'conf', paths: 'conf/**' },
  });
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r.outputs;
}

async function dispatch(inputs: Record<string, string>, token = TOKEN) {
  const ws = await checkout(server, REPO, { token: TOKEN });
  return runAction({
    workspace: ws,
    server,
    repo: REPO,
    token,
    eventName: 'workflow_dispatch',
    event: { inputs },
    env: { GITHUB_API_URL: api.url },
    inputs: { command: 'rollback', track: 'conf', paths: 'conf/**', ...inputs },
  });
}

/** path → "mode oid" of a tree-ish on the server, as native git lists it. */
async function listing(rev: string, filter = (_: string) => true): Promise<Map<string, string>> {
  const out = await server.git(REPO, ['ls-tree', '-r', '-z', '--full-tree', rev]);
  const map = new Map<string, string>();
  for (const line of out.split('\0').filter(Boolean)) {
    const [info, path] = line.split('\t') as [string, string];
    const [mode, , oid] = info.split(' ');
    if (filter(path)) map.set(path, `${mode} ${oid}`);
  }
  return map;
}

const inTrack = (p: string) => p.startsWith('conf/');

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  await createRemoteRepo(server, REPO, { ...OUTSIDE, ...CONTENT[1] });
  api.addRepo(REPO);
  await recordFromMain();
  for (let v = 2; v <= 5; v++) {
    await pushCommit(server, REPO, { ...OUTSIDE, ...CONTENT[v] }, { replace: true });
    expect((await recordFromMain()).version).toBe(String(v));
  }
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

describe('rollback', () => {
  it('dry run: the diff in the summary and outputs, nothing on either server', async () => {
    const refs = await server.refs(REPO);
    api.resetLog();
    const r = await dispatch({ version: '2', 'dry-run': 'true' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({
      'pull-request-operation': 'none',
      'pull-request-number': '',
      branch: 'snapback/rollback/conf',
      'has-changes': 'true',
      version: '2',
    });
    expect(JSON.parse(r.outputs.added!)).toEqual(['conf/extra.yaml']);
    expect(JSON.parse(r.outputs.deleted!).sort()).toEqual(['conf/new.json', 'conf/run.sh']);
    expect(JSON.parse(r.outputs.modified!)).toEqual(['conf/app.json']);
    expect(r.summary).toContain('temperature');
    expect(await server.refs(REPO)).toEqual(refs);
    expect(api.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('opens a pull request whose branch is v2 for the track and the base elsewhere; again updates it', async () => {
    const r = await dispatch({
      version: '2',
      labels: 'rollback, urgent',
      reviewers: 'alice',
      assignees: '@bob',
      draft: 'true',
      reason: 'v5 breaks checkout',
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs['pull-request-operation']).toBe('created');
    const number = Number(r.outputs['pull-request-number']);
    expect(r.outputs['pull-request-url']).toMatch(new RegExp(`/pull/${number}$`));

    // Native git: the track's files are exactly v2's, everything else is main's.
    const branchTree = await listing(BRANCH);
    expect(new Map([...branchTree].filter(([p]) => inTrack(p)))).toEqual(
      await listing('refs/versions/conf/2'),
    );
    expect(new Map([...branchTree].filter(([p]) => !inTrack(p)))).toEqual(
      await listing('refs/heads/main', (p) => !inTrack(p)),
    );
    expect((await server.git(REPO, ['rev-parse', `${BRANCH}^`])).trim()).toBe(
      (await server.git(REPO, ['rev-parse', 'refs/heads/main'])).trim(),
    );
    const message = await server.git(REPO, ['log', '-1', '--format=%B', BRANCH]);
    expect(message).toMatch(/^Roll back conf to v2 \(1\.2\.0\)\n/);
    expect(message).toContain('snapback-rollback-to: 2\nsnapback-replaces: 5\n');

    const [pull] = api.pullRequests(REPO).filter((p) => p.state === 'open');
    expect(pull).toMatchObject({
      number,
      title: 'Roll back conf to v2 (1.2.0)',
      head: 'acme:snapback/rollback/conf',
      base: 'main',
      draft: true,
      labels: ['rollback', 'urgent'],
      assignees: ['bob'],
      requestedReviewers: ['alice'],
    });
    expect(pull!.body).toContain('v5 breaks checkout');
    expect(pull!.body).toContain('conf/new.json');

    // main moves on (outside the track); dispatching again rebuilds on it and updates the PR.
    await pushCommit(
      server,
      REPO,
      { ...OUTSIDE, ...CONTENT[5], 'src/other.py': 'x' },
      { replace: true },
    );
    const again = await dispatch({ version: '2' });
    expect(again.code, again.stderr).toBe(0);
    expect(again.outputs).toMatchObject({
      'pull-request-operation': 'updated',
      'pull-request-number': String(number),
    });
    expect(api.pullRequests(REPO).filter((p) => p.state === 'open')).toHaveLength(1);
    expect((await listing(BRANCH)).has('src/other.py')).toBe(true);
    expect((await server.fsck(REPO)).ok).toBe(true);
  });

  it('closes the pull request with a comment when the base already holds the version', async () => {
    // Main holds v5's files; a rollback to v2 is open (opened here, or updated if already open).
    const opened = await dispatch({ version: '2' });
    expect(opened.code, opened.stderr + opened.stdout).toBe(0);
    const open = api.pullRequests(REPO).find((p) => p.state === 'open')!;
    expect(open.number).toBe(Number(opened.outputs['pull-request-number']));
    const r = await dispatch({ version: '5' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({
      'pull-request-operation': 'closed',
      'pull-request-number': String(open.number),
      'has-changes': 'false',
    });
    expect(api.pullRequests(REPO).find((p) => p.number === open.number)!.state).toBe('closed');
    expect(api.comments(REPO, open.number).at(-1)!.body).toContain('nothing left to roll back');
    const none = await dispatch({ version: 'latest' });
    expect(none.outputs['pull-request-operation']).toBe('none');
  });

  it('after the merge, the next recording says it rolled back to v2', async () => {
    const r = await dispatch({ version: '2' });
    expect(r.outputs['pull-request-operation']).toBe('created');
    // Merge (fast-forward) on the server, as the merge button would.
    const tip = (await server.git(REPO, ['rev-parse', BRANCH])).trim();
    await server.git(REPO, ['update-ref', 'refs/heads/main', tip]);
    const merged = await fetch(
      `${api.url}/repos/${REPO}/pulls/${r.outputs['pull-request-number']}`,
      {
        method: 'PATCH',
        headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'closed' }),
      },
    );
    expect(merged.status).toBe(200);
    const recorded = await recordFromMain();
    expect(recorded).toMatchObject({ recorded: 'true', version: '6' });
    expect(
      (
        await server.git(REPO, [
          'log',
          '-1',
          '--format=%(trailers:key=rollback-of,valueonly)',
          'refs/versions/conf/6',
        ])
      ).trim(),
    ).toBe('2');
    const v2 = (await server.git(REPO, ['rev-parse', 'refs/versions/conf/2'])).trim();
    const note = await server.git(REPO, ['notes', '--ref=versions', 'show', v2]);
    expect(
      note
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).event),
    ).toContain('rolled-back');
  });

  it('explains the two GitHub refusals, and reuses a pull request whose creation answer was lost', async () => {
    api.setRepo(REPO, { allowActionsToCreatePRs: false });
    await pushCommit(server, REPO, { ...OUTSIDE, ...CONTENT[4] }, { replace: true });
    const refused = await dispatch({ version: '3' });
    api.setRepo(REPO, { allowActionsToCreatePRs: true });
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(
      /not permitted to create or approve pull requests[\s\S]*Allow GitHub Actions to create and approve pull requests/,
    );

    const READ_ONLY = 'pulls-read-token';
    api.addToken(READ_ONLY, { permissions: { contents: 'write', 'pull-requests': 'read' } });
    const noPermission = await dispatch({ version: '3', 'pr-token': READ_ONLY });
    expect(noPermission.code).toBe(1);
    expect(noPermission.stdout + noPermission.stderr).toMatch(/permissions: pull-requests: write/);

    const before = api.pullRequests(REPO).length;
    api.failAfterApplying('pulls/create', 1);
    const lost = await dispatch({ version: '3' });
    expect(lost.code, lost.stderr + lost.stdout).toBe(0);
    expect(lost.outputs['pull-request-operation']).toBe('created');
    expect(api.pullRequests(REPO)).toHaveLength(before + 1);
  });
});
