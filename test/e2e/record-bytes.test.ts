/**
 * A version holds exactly the bytes that were on disk, through dist/index.js: no clean filter
 * (Git LFS would store a pointer whose object nobody uploads), no line-ending conversion, file
 * names with a newline or carriage return kept, and the size limit applied to what was stored.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  runAction,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'bytes-token';
const REPO = 'acme/bytes';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'README.md': 'hello\n' });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

function record(ws: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs, env });
}

/** path → blob bytes of a version on the server. */
async function blobs(ref: string): Promise<Map<string, Buffer>> {
  const out = await server.git(REPO, ['ls-tree', '-r', '-z', '--full-tree', ref]);
  const map = new Map<string, Buffer>();
  for (const line of out.split('\0').filter(Boolean)) {
    const [info, path] = line.split('\t') as [string, string];
    const oid = info.split(' ')[2]!;
    map.set(path, execFileSync('git', ['cat-file', 'blob', oid], { cwd: server.repoPath(REPO) }));
  }
  return map;
}

describe('record stores the bytes on disk', () => {
  it('a file under a filter=lfs attribute is stored as its bytes, not the clean filter pointer', async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    // A stand-in for git-lfs: its clean filter replaces the content with a pointer.
    const clean = join(ws, '.git', 'fake-lfs-clean.sh');
    await writeFile(
      clean,
      '#!/bin/sh\ncat >/dev/null\nprintf "version https://git-lfs.github.com/spec/v1\\noid sha256:0\\nsize 1\\n"\n',
    );
    await chmod(clean, 0o755);
    await git(ws, ['config', 'filter.lfs.clean', clean]);
    await git(ws, ['config', 'filter.lfs.required', 'true']);
    const weights = Buffer.alloc(3000, 0);
    for (let i = 0; i < weights.length; i++) weights[i] = (i * 31) % 256;
    await writeTree(ws, {
      '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n*.txt text\n*.ini eol=lf\n',
      'models/head.bin': weights,
      'models/notes.txt': 'line one\r\nline two\r\n',
      'models/app.ini': 'a=1\r\n',
    });
    // Committed through the filter: the checkout's index holds the pointer, with the stat data
    // of the real file on disk, so trusting the index would store the pointer.
    const committed = Buffer.alloc(2000, 9);
    await writeTree(ws, { 'models/committed.bin': committed });
    await git(ws, ['add', '.gitattributes', 'models/committed.bin']);
    await git(ws, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'lfs']);
    expect(await git(ws, ['cat-file', '-p', 'HEAD:models/committed.bin'])).toContain(
      'git-lfs.github.com/spec',
    );
    // The filter is real: git itself would store the pointer.
    const viaGit = await git(ws, ['hash-object', 'models/head.bin']);
    expect(viaGit.trim()).not.toBe(
      (await git(ws, ['hash-object', '--no-filters', 'models/head.bin'])).trim(),
    );

    const r = await record(ws, { track: 'lfs', paths: 'models/**' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const stored = await blobs('refs/versions/lfs/1');
    expect(stored.get('models/head.bin')).toEqual(weights);
    expect(stored.get('models/committed.bin')).toEqual(committed);
    expect(stored.get('models/notes.txt')!.toString()).toBe('line one\r\nline two\r\n');
    expect(stored.get('models/app.ini')!.toString()).toBe('a=1\r\n');
    expect(JSON.parse(r.outputs.results!)[0]).toMatchObject({
      files: 4,
      bytes: 3000 + 2000 + 20 + 5,
    });
  });

  it('records file names holding a newline or a carriage return', async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    await writeTree(ws, {
      'cfg/plain.json': '{}',
      'cfg/new\nline.json': '{"n":1}',
      'cfg/carriage\rreturn.json': '{"r":1}',
      'cfg/sub\ndir/x.json': '{"d":1}',
    });
    const r = await record(ws, { track: 'names', paths: 'cfg/**' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect([...(await blobs('refs/versions/names/1')).keys()].sort()).toEqual(
      [
        'cfg/carriage\rreturn.json',
        'cfg/new\nline.json',
        'cfg/plain.json',
        'cfg/sub\ndir/x.json',
      ].sort(),
    );
    expect(JSON.parse(r.outputs.results!)[0]).toMatchObject({ files: 4 });
  });

  it('max-file-size applies to what was stored: a file that grows after it was measured is refused', async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    await writeTree(ws, { 'grow/a.json': '{}', 'grow/big.bin': Buffer.alloc(600, 1) });
    const gate = join(ws, '.git', 'test-gate'); // inside the temp workspace, removed with it
    await writeFile(gate, '');
    const before = await server.refs(REPO);
    const running = record(
      ws,
      { track: 'grow', paths: 'grow/**', 'max-file-size': '1 KB' },
      { SNAPBACK_TEST_PAUSE_AT: 'listed-files', SNAPBACK_TEST_PAUSE_GATE: gate },
    );
    // The run measured 600 bytes and stopped before hashing; the file grows past the limit.
    // Polls (a file is the run's only signal), bounded by time rather than by speed.
    for (let i = 0; i < 2400 && !existsSync(`${gate}.paused`); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(`${gate}.paused`)).toBe(true);
    await appendFile(join(ws, 'grow/big.bin'), Buffer.alloc(4000, 2));
    await rm(gate);
    const r = await running;
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/max-file-size.*grow\/big\.bin \(4\.5 KiB\).*Nothing was pushed/);
    expect(await server.refs(REPO)).toEqual(before);
  });
});
