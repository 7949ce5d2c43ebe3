/**
 * Workflow files through dist/index.js: GitHub refuses pushes that create or change
 * `.github/workflows/*` with the job token, so tracks leave them out unless they opt in, and a
 * rollback refuses only a workflow file whose content would change.
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

const TOKEN = 'workflow-token';
const REPO = 'acme/workflows';
const CI = '.github/workflows/ci.yml';
let server: GitServer;
let api: FakeGitHub;

const MAIN_V1 = {
  [CI]: 'on: push\njobs: {}\n',
  '.github/dependabot.yml': 'version: 2\n',
  'conf/app.yml': 'model: a\n',
  'src/main.py': 'print(1)\n',
};

async function run(inputs: Record<string, string>) {
  const ws = await checkout(server, REPO, { token: TOKEN });
  return runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    eventName: 'workflow_dispatch',
    env: { GITHUB_API_URL: api.url },
    inputs,
  });
}

/** Paths of a tree-ish on the server. */
async function paths(rev: string): Promise<string[]> {
  const out = await server.git(REPO, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', rev]);
  return out.split('\0').filter(Boolean).sort();
}

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  await createRemoteRepo(server, REPO, MAIN_V1);
  api.addRepo(REPO);
});
afterEach(() => {
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

describe('workflow files', () => {
  it('record: **/*.yml leaves .github/workflows out and says so', async () => {
    const r = await run({ track: 'yml', paths: '**/*.yml' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(await paths('refs/versions/yml/1')).toEqual(['.github/dependabot.yml', 'conf/app.yml']);
    expect(r.stdout).toContain(`left out 1 workflow file the patterns match (${CI})`);
    expect(r.stdout).toContain('include-workflows');
  });

  it('record: include-workflows puts them in', async () => {
    const r = await run({ track: 'withci', paths: '**/*.yml', 'include-workflows': 'true' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(await paths('refs/versions/withci/1')).toEqual([
      '.github/dependabot.yml',
      CI,
      'conf/app.yml',
    ]);
  });

  it('rollback: a version holding the base workflow file unchanged goes through', async () => {
    // v1 of `withci` holds ci.yml exactly as main has it; main then changes conf/app.yml only.
    await pushCommit(server, REPO, { ...MAIN_V1, 'conf/app.yml': 'model: b\n' }, { replace: true });
    const r = await run({ command: 'rollback', track: 'withci', paths: '**/*.yml', version: '1' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs['pull-request-operation']).toBe('created');
    expect(JSON.parse(r.outputs.modified!)).toEqual(['conf/app.yml']);
    const branch = 'refs/heads/snapback/rollback/withci';
    expect(await server.git(REPO, ['rev-parse', `${branch}:${CI}`])).toBe(
      await server.git(REPO, ['rev-parse', `main:${CI}`]),
    );
  });

  it('rollback: a version whose workflow file would change is refused naming it, unless opted in', async () => {
    await pushCommit(
      server,
      REPO,
      { ...MAIN_V1, [CI]: 'on: pull_request\njobs: {}\n', 'conf/app.yml': 'model: c\n' },
      { replace: true },
    );
    const before = await server.refs(REPO);
    const refused = await run({
      command: 'rollback',
      track: 'withci',
      paths: '**/*.yml',
      version: '1',
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(CI);
    expect(refused.stdout).toContain('include-workflows');
    expect(refused.stdout).not.toMatch(/\n\s+at /);
    expect(await server.refs(REPO)).toEqual(before);

    const opted = await run({
      command: 'rollback',
      track: 'withci',
      paths: '**/*.yml',
      version: '1',
      'include-workflows': 'true',
      'dry-run': 'true',
    });
    expect(opted.code, opted.stderr + opted.stdout).toBe(0);
    expect(JSON.parse(opted.outputs.modified!).sort()).toEqual([CI, 'conf/app.yml']);
  });
});
