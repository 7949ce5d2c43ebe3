/**
 * A run killed (SIGKILL, whole process group) at any step of recording leaves a store that
 * `git fsck` accepts and that is consistent (a version ref and its notes land together or not
 * at all); the next run succeeds. Transient server errors are retried.
 */
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  expectNoSecrets,
  git,
  runAction,
  startAction,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'crash-token';
const REPO = 'acme/crash';
let server: GitServer;
let source: string;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  ({ commit: source } = await createRemoteRepo(server, REPO, { 'cfg/a.json': '{"v":0}' }));
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** The record step of these tests: track `track` = cfg/**, in workspace `ws`. */
function recordIn(ws: string, track: string, env: Record<string, string> = {}) {
  return runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { track, paths: 'cfg/**' },
    env,
  });
}

/** A fresh checkout with v1 of `track` recorded and a change on disk, ready to record v2. */
async function prepared(track: string): Promise<string> {
  const ws = await checkout(server, REPO, { token: TOKEN });
  await writeTree(ws, { 'cfg/gen.json': `{"track":"${track}","n":1}` });
  const r = await recordIn(ws, track);
  expect(r.code, r.stderr).toBe(0);
  // Record v2 from a second fresh checkout, so the run also has to fetch v1.
  const fresh = await checkout(server, REPO, { token: TOKEN });
  await writeTree(fresh, { 'cfg/gen.json': `{"track":"${track}","n":2}` });
  return fresh;
}

async function assertConsistent(track: string): Promise<number> {
  const fsck = await server.fsck(REPO);
  expect(fsck.ok, fsck.output).toBe(true);
  const refs = await server.refs(REPO, `refs/versions/${track}/`);
  // Every version ref has its note, and the source commit lists exactly those versions.
  const note = (await server.git(REPO, ['notes', '--ref=versions', 'show', source]))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const listed = note
    .filter((e) => e.track === track)
    .map((e) => e.version)
    .sort();
  expect(listed).toEqual([...refs.keys()].map((r) => Number(r.split('/').pop())).sort());
  for (const oid of refs.values()) {
    expect(
      JSON.parse(await server.git(REPO, ['notes', '--ref=versions', 'show', oid])),
    ).toMatchObject({ track, commit: oid });
  }
  return refs.size;
}

const STEPS = [
  'listed-files',
  'hashed',
  'looked',
  'fetched',
  'committed',
  'notes-written',
  'pushed',
] as const;

describe('record killed at each step', () => {
  it.each(STEPS)('killed after %s', async (step) => {
    const track = `kill-${step}`;
    const ws = await prepared(track);
    const killed = await recordIn(ws, track, { SNAPBACK_TEST_KILL_AT: step });
    expect(killed.signal).toBe('SIGKILL');
    const count = await assertConsistent(track);
    expect(count).toBe(step === 'pushed' ? 2 : 1);

    const next = await recordIn(ws, track);
    expect(next.code, next.stderr + next.stdout).toBe(0);
    expect(next.outputs.version).toBe('2');
    expect(next.outputs.recorded).toBe(step === 'pushed' ? 'false' : 'true');
    expect(await assertConsistent(track)).toBe(2);
  });

  it.each([
    ['before the server applies the push', false],
    ['after the server got the whole push (the answer is lost)', true],
  ])('killed in the middle of the push, %s', async (_label, serverApplies) => {
    const track = serverApplies ? 'kill-mid-push-applied' : 'kill-mid-push-dropped';
    const ws = await prepared(track);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sawPush: () => void = () => undefined;
    const pushArrived = new Promise<void>((resolve) => (sawPush = resolve));
    server.setHook(async (req) => {
      if (req.service !== 'receive-pack' || req.method !== 'POST') return;
      sawPush();
      await held;
      return serverApplies ? { ignoreDisconnect: true as const } : undefined;
    });
    try {
      const running = startAction({
        workspace: ws,
        server,
        repo: REPO,
        token: TOKEN,
        inputs: { track, paths: 'cfg/**' },
      });
      await pushArrived;
      process.kill(-running.pid, 'SIGKILL');
      const result = await running.done;
      expect(result.signal).toBe('SIGKILL');
      release();
      await server.idle();
    } finally {
      server.setHook(undefined);
    }
    expect(await assertConsistent(track)).toBe(serverApplies ? 2 : 1);
    const next = await recordIn(ws, track);
    expect(next.code, next.stderr).toBe(0);
    expect(next.outputs.version).toBe('2');
    expect(await assertConsistent(track)).toBe(2);
  });
});

/** Temporary index files and refs a run left in the clone. */
async function litter(ws: string): Promise<string[]> {
  const files = (await readdir(join(ws, '.git'))).filter((f) => f.startsWith('snapback-index-'));
  const refs = (await git(ws, ['for-each-ref', '--format=%(refname)', 'refs/snapback/tmp/']))
    .split('\n')
    .filter(Boolean);
  return [...files, ...refs].sort();
}

describe('a killed run leaves no litter behind the next one', () => {
  it.each(['index-written', 'notes-ref-written'])(
    'killed at %s: the next run removes the temporary file or ref',
    async (step) => {
      const track = `litter-${step}`;
      const ws = await prepared(track);
      const killed = await recordIn(ws, track, { SNAPBACK_TEST_KILL_AT: step });
      expect(killed.signal).toBe('SIGKILL');
      expect(await litter(ws)).toHaveLength(1);

      const next = await recordIn(ws, track);
      expect(next.code, next.stderr + next.stdout).toBe(0);
      expect(next.outputs.version).toBe('2');
      expect(await litter(ws)).toEqual([]);
    },
  );

  it("a running process's temporary files are left alone, a dead one's removed", async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    await writeTree(ws, { 'cfg/gen.json': '{"litter":"live"}' });
    // This test process is alive; a finished child is not.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const live = `${process.pid}-${Date.now()}-0a0b0c0d`;
    const gone = `${dead}-${Date.now()}-0e0f0a0b`;
    const head = (await git(ws, ['rev-parse', 'HEAD'])).trim();
    for (const name of [live, gone]) {
      await writeFile(join(ws, '.git', `snapback-index-${name}`), 'x');
      await git(ws, ['update-ref', `refs/snapback/tmp/${name}`, head]);
    }
    const r = await recordIn(ws, 'litter-live');
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(await litter(ws)).toEqual([`refs/snapback/tmp/${live}`, `snapback-index-${live}`]);
  });
});

describe('record under server trouble', () => {
  it('retries transient 5xx answers and records once', async () => {
    const track = 'flaky';
    const ws = await checkout(server, REPO, { token: TOKEN });
    await writeTree(ws, { 'cfg/gen.json': '{"flaky":true}' });
    const failures = new Map<string, number>();
    server.setHook((req) => {
      // The first ls-refs, the first fetch-or-push advertisement and the first push each fail once.
      const key = `${req.service}:${req.method}`;
      const seen = failures.get(key) ?? 0;
      failures.set(key, seen + 1);
      if (
        seen === 0 &&
        (key === 'upload-pack:POST' || key === 'receive-pack:POST' || key === 'info-refs:GET')
      ) {
        return { status: 502, body: 'bad gateway' };
      }
    });
    try {
      const r = await recordIn(ws, track);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.outputs).toMatchObject({ recorded: 'true', version: '1' });
    } finally {
      server.setHook(undefined);
    }
    expect([...failures.values()].every((n) => n >= 2)).toBe(true);
    expect(await assertConsistent(track)).toBe(1);
  });

  it('a re-run of the same run attempt reports the version it recorded instead of a duplicate', async () => {
    const track = 'rerun';
    const ws = await checkout(server, REPO, { token: TOKEN });
    await writeTree(ws, { 'cfg/gen.json': '{"rerun":1}' });
    const env = { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '1' };
    const inputs = { track, paths: 'cfg/**' };
    const first = await runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs, env });
    const retry = await runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs, env });
    expect(first.outputs).toMatchObject({ recorded: 'true', version: '1' });
    expect(retry.outputs).toMatchObject({
      recorded: 'true',
      version: '1',
      commit: first.outputs.commit,
    });
    const rerun = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs,
      env: { ...env, GITHUB_RUN_ATTEMPT: '2' },
    });
    expect(rerun.outputs).toMatchObject({ recorded: 'false', version: '1' });
    expect(await assertConsistent(track)).toBe(1);
  });

  it('a refused token fails with the permission to grant, and the token stays hidden', async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: 'wrong-token',
      inputs: { track: 'auth', paths: 'cfg/**' },
    });
    expect(r.code).not.toBe(0);
    const error = r.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toMatch(/refused/);
    expect(error).toContain('contents: write');
    expectNoSecrets(r, ['wrong-token']);
  });
});
