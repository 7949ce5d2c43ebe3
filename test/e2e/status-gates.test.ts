/**
 * What a fleet operator gates on: status's scalar outputs (`drifted`, `drift-level`,
 * `lagging-aliases`), its two threshold levels (a warning; a failure that fails the step after
 * writing outputs and summary), and the status file's versions with metadata and source commit.
 * Through dist/index.js and dist/cli.js against the git server.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  gitEnv,
  runAction,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'status-gates-token';
const REPO = 'acme/status-gates';
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
let server: GitServer;
let ws: string;
let head: string;

const status = (inputs: Record<string, string>) =>
  runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { command: 'status', track: 'fleet', ...inputs },
  });

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  ({ commit: head } = await createRemoteRepo(server, REPO, { 'fleet/api.json': '{"v":0}' }));
  ws = await checkout(server, REPO, { token: TOKEN });
  for (let i = 1; i <= 4; i++) {
    await writeTree(ws, { 'fleet/api.json': JSON.stringify({ v: i }) });
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: {
        track: 'fleet',
        paths: 'fleet/**',
        metadata: JSON.stringify({ build: `b${i}`, region: 'eu' }),
      },
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
  }
  // production on v1 (3 behind), staging on v4 (current).
  for (const [alias, version] of [
    ['production', '1'],
    ['staging', '4'],
  ] as const) {
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { command: 'promote', track: 'fleet', alias, version },
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
  }
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

describe('status gates', () => {
  it('past a failure threshold: outputs and summary written, then the step fails naming the alias', async () => {
    const r = await status({ 'drift-warn-versions': '1', 'drift-fail-versions': '2' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({
      drifted: 'true',
      'drift-level': 'error',
      'lagging-aliases': '["fleet/production"]',
    });
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors.join('\n')).toMatch(
      /Alias drift past the failure thresholds: 'production' of fleet is on v1, latest is v4: 3 versions behind \(failure threshold 2\)\./,
    );
    expect(r.summary).toMatch(/⛔ 3 versions behind \(failure threshold 2\)/);
    // The status file: every version with its metadata and the commit it was recorded from.
    const file = JSON.parse(readFileSync(r.outputs['status-file']!, 'utf8')) as {
      tracks: {
        versions: { version: number; metadata?: unknown; sourceCommit?: string }[];
        aliases: { alias: string; level: string; errors: string[] }[];
      }[];
    };
    const versions = file.tracks[0]!.versions;
    expect(versions.map((v) => v.metadata)).toEqual(
      [1, 2, 3, 4].map((i) => ({ build: `b${i}`, region: 'eu' })),
    );
    expect(versions.every((v) => v.sourceCommit === head)).toBe(true);
    expect(file.tracks[0]!.aliases).toMatchObject([
      { alias: 'production', level: 'error' },
      { alias: 'staging', level: 'none', errors: [] },
    ]);
  });

  it('a warning level passes the step; without thresholds nothing is drifted, lagging aliases still listed', async () => {
    const warned = await status({ 'drift-warn-versions': '1', 'drift-fail-versions': '3' });
    expect(warned.code, warned.stderr + warned.stdout).toBe(0);
    expect(warned.outputs).toMatchObject({ drifted: 'true', 'drift-level': 'warning' });
    expect(warned.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      "'production' of fleet is on v1, latest is v4: 3 versions behind (threshold 1).",
    ]);
    const plain = await status({});
    expect(plain.code).toBe(0);
    expect(plain.outputs).toMatchObject({
      drifted: 'false',
      'drift-level': 'none',
      'lagging-aliases': '["fleet/production"]',
    });
  });

  it('names a bad failure threshold', async () => {
    const r = await status({ 'drift-fail-age': 'a month' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Input 'drift-fail-age': 'a month' is not a duration/);
  });

  it('from a terminal: exit status 1 past a failure threshold, after printing the status', async () => {
    const dir = tempDir('status-gates-cli');
    await git(dir, ['clone', '-q', server.repoPath(REPO), '.']);
    const r = await promisify(execFile)(
      process.execPath,
      [CLI, 'status', '--track', 'fleet', '--drift-fail-versions', '2'],
      { cwd: dir, env: gitEnv() },
    ).then(
      (x) => ({ code: 0, stdout: x.stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /production → v1 \(3 behind for [^)]*\) +!! 3 versions behind \(failure threshold 2\)/,
    );
    expect(r.stdout).toMatch(/staging → v4 \(current\)\n/);
  });
});
