/**
 * A push of a version holding a big file streams the pack from `pack-objects` into the request:
 * the pushing process never holds the pack, so its memory does not grow with the file. A big
 * file that changed a little goes as a delta against the version the server has.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  tempDir,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';

const TOKEN = 'ghs_streamtoken';
const MB = 1024 * 1024;
/** Random bytes do not compress: the pack is as big as the file. */
const FILE_BYTES = 96 * MB;

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  for (let left = bytes; left > 0; left -= MB) {
    if (!out.write(randomBytes(Math.min(MB, left)))) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

function runChild(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL('./children/push-measured.ts', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('pushes a pack bigger than the pushing process may grow, and the server has it whole', async () => {
  const repo = 'acme/big';
  const { path } = await createRemoteRepo(server, repo, { 'readme.md': 'hello\n' });
  const dir = tempDir('stream-clone');
  await git(dir, ['clone', '-q', path, '.']);
  const warm = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  await writeRandomFile(join(dir, 'model.bin'), FILE_BYTES);
  await git(dir, ['add', 'model.bin']);
  await git(dir, ['commit', '-q', '-m', 'model']);
  const big = (await git(dir, ['rev-parse', 'HEAD'])).trim();

  const r = await runChild([dir, server.repoUrl(repo), TOKEN, warm, big]);
  expect(r.code, r.stderr).toBe(0);
  const report = JSON.parse(r.stdout) as {
    warmUp: unknown;
    outcome: unknown;
    before: number;
    after: number;
  };
  expect(report.warmUp).toEqual({ ok: true });
  expect(report.outcome).toEqual({ ok: true });
  expect((await server.refs(repo)).get('refs/versions/big/1')).toBe(big);
  expect(await server.fsck(repo)).toMatchObject({ ok: true });
  // Holding the pack once would add 96 MB (and the request's copy as much again); streaming
  // adds a few pipe and socket buffers.
  const grew = report.after - report.before;
  expect(grew, `grew by ${(grew / MB).toFixed(1)} MB`).toBeLessThan(FILE_BYTES / 2);
});

it('sends a changed big text file as a delta against the version the server has', async () => {
  // pack.windowMemory bounds how many big objects pack-objects compares each one with (see
  // BOUNDED_PACKING); the one it must still find is the same file's previous version.
  const repo = 'acme/big-text';
  const { path } = await createRemoteRepo(server, repo, { 'readme.md': 'hello\n' });
  const dir = tempDir('delta-clone');
  await git(dir, ['clone', '-q', path, '.']);
  const lines = (seed: string, changed: number) =>
    Array.from({ length: 150_000 }, (_, i) =>
      i === changed ? 'changed' : `${seed}.${i}: ${((i * 7919) % 104_729) / 3}`,
    ).join('\n');
  const files = ['a', 'b', 'c', 'd'];
  for (const f of files) await writeFile(join(dir, `${f}.yml`), lines(f, -1));
  await git(dir, ['add', '.']);
  await git(dir, ['commit', '-q', '-m', 'v1']);
  const v1 = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const ng = await NativeGit.open(dir, { url: server.repoUrl(repo), token: TOKEN });
  expect(await ng.push([{ ref: 'refs/versions/t/1', expected: null, next: v1 }])).toEqual({
    ok: true,
  });
  for (const f of files) await writeFile(join(dir, `${f}.yml`), lines(f, 1000));
  await git(dir, ['commit', '-q', '-am', 'v2']);
  const v2 = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const mark = server.requests.length;
  expect(await ng.push([{ ref: 'refs/versions/t/2', expected: null, next: v2 }], [v1])).toEqual({
    ok: true,
  });
  const sent = server.requests.slice(mark).find((r) => r.service === 'receive-pack')!;
  // Four files of 3.6 MB each, one line changed in each: deltas of a few hundred bytes.
  const size = Buffer.byteLength(lines('a', -1));
  expect(size).toBeGreaterThan(3 * MB);
  expect(sent.bytesIn).toBeLessThan(20_000);
  expect(await server.fsck(repo)).toMatchObject({ ok: true });
});
