/**
 * An alias's own history as a selector (`production@{1}`: where production pointed before its
 * last move), in promote, diff and rollback; and diff's default sides on a config file whose
 * tracks do not all have two versions yet. Through dist/index.js against the git server.
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

const TOKEN = 'alias-history-token';
const REPO = 'acme/alias-history';
let server: GitServer;
let api: FakeGitHub;
let ws: string;

async function ok(inputs: Record<string, string>, repo = REPO, workspace = ws) {
  const r = await runAction({
    workspace,
    server,
    repo,
    token: TOKEN,
    eventName: 'workflow_dispatch',
    env: { GITHUB_API_URL: api.url },
    inputs,
  });
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r;
}

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  await createRemoteRepo(server, REPO, { 'conf/app.json': '{"v":0}' });
  api.addRepo(REPO);
  ws = await checkout(server, REPO, { token: TOKEN });
  for (let i = 1; i <= 4; i++) {
    await writeTree(ws, { 'conf/app.json': JSON.stringify({ v: i }) });
    await ok({ track: 'conf', paths: 'conf/**' });
  }
  // production: v1, then v3, then v2.
  for (const v of ['1', '3', '2']) {
    await ok({ command: 'promote', track: 'conf', alias: 'production', version: v });
  }
});
afterEach(() => {
  const left = [...api.violations];
  api.clearViolations();
  expect(left).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

describe('alias history selectors', () => {
  it('diff compares where an alias was with where it is', async () => {
    const r = await ok({
      command: 'diff',
      track: 'conf',
      from: 'production@{1}',
      to: 'production',
    });
    expect(r.outputs['modified']).toBe('["conf/app.json"]');
    expect(r.stdout).toContain('1 files differ between v3 (production@{1}) and v2 (production)');
    const older = await ok({ command: 'diff', track: 'conf', from: 'production@{2}', to: '1' });
    expect(older.outputs['has-changes']).toBe('false');
  });

  it('rollback (dry run) and promote take an alias position; promote moves back', async () => {
    const dry = await ok({
      command: 'rollback',
      track: 'conf',
      paths: 'conf/**',
      version: 'production@{1}',
      'dry-run': 'true',
    });
    expect(dry.outputs['version']).toBe('3');
    expect(api.requests.filter((q) => q.method !== 'GET')).toEqual([]);

    const before = await server.refs(REPO);
    const bad = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { command: 'promote', track: 'conf', alias: 'production', version: 'production@{9}' },
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(
      /Input 'version': 'production@\{9\}' goes back further than the alias's recorded history: 'production' has moved 3 times/,
    );
    const malformed = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { command: 'promote', track: 'conf', alias: 'production', version: 'production@{x}' },
    });
    expect(malformed.code).toBe(1);
    expect(malformed.stdout + malformed.stderr).toMatch(
      /Input 'version': 'production@\{x\}': @\{x\} is not a number of moves back/,
    );
    expect(await server.refs(REPO)).toEqual(before);

    const back = await ok({
      command: 'promote',
      track: 'conf',
      alias: 'production',
      version: 'production@{1}',
    });
    expect(back.outputs).toMatchObject({ promoted: 'true', version: '3', 'previous-version': '2' });
    // The move back is a move too: one step back is now v2.
    const again = await ok({
      command: 'promote',
      track: 'conf',
      alias: 'production',
      version: 'production@{1}',
      'dry-run': 'true',
    });
    expect(again.outputs).toMatchObject({ version: '2', 'previous-version': '3' });
  });
});

describe('diff defaults with several tracks', () => {
  it('reports a track with one version as having nothing to compare; the others are compared', async () => {
    const repo = 'acme/alias-history-tracks';
    await createRemoteRepo(server, repo, {
      '.github/snapback.yml':
        'tracks:\n  conf:\n    paths: conf/**\n  model:\n    paths: model/**\n  empty:\n    paths: none/**\n',
      'conf/a.json': '{"a":1}',
      'model/w.json': '{"w":1}',
    });
    const dir = await checkout(server, repo, { token: TOKEN });
    // `empty` has no files, so the recording skips it; conf and model get v1.
    await ok({ track: 'conf' }, repo, dir);
    await ok({ track: 'model' }, repo, dir);
    await writeTree(dir, { 'conf/a.json': '{"a":2}' });
    await ok({ track: 'conf' }, repo, dir);

    const r = await ok({ command: 'diff' }, repo, dir);
    expect(r.outputs['modified']).toBe('["conf/a.json"]');
    expect(r.summary).toMatch(/### conf: v1 \(previous\) → v2 \(latest\)/);
    expect(r.summary).toMatch(
      /### model: nothing to compare against → v1\s+Nothing to compare against: v1 is the only version of 'model'\./,
    );
    expect(r.summary).toMatch(/Nothing to compare against: 'empty' has no versions yet\./);
    expect(r.stdout).toMatch(/model: nothing to compare against \(v1 is the only version/);
    expect(r.stdout).not.toMatch(/files differ between nothing/);

    // Asked for by name, the same sides are still an error: the user wanted something specific.
    const named = await runAction({
      workspace: dir,
      server,
      repo,
      token: TOKEN,
      inputs: { command: 'diff', track: 'model', from: 'previous' },
    });
    expect(named.code).toBe(1);
    expect(named.stdout + named.stderr).toMatch(/Input 'from': there is no version before v1\./);
  });
});
