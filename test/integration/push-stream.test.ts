/**
 * A push of a version holding a big file streams the pack from `pack-objects` into the request:
 * the pushing process never holds the pack, so its memory does not grow with the file.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
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
