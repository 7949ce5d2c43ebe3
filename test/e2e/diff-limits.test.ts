/**
 * A 20,000-file diff through dist/index.js stays within GitHub's limits: every step output
 * under 1 MB, the job summary under 1 MiB with a note saying what it left out, and the
 * changes-file holding every change.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

const TOKEN = 'limits-token';
const REPO = 'acme/limits';
const FILES = 20_000;
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'README.md': 'limits\n' });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** Long names, half of them in a script that takes three bytes a character. */
function name(folder: string, i: number): string {
  const n = String(i).padStart(6, '0');
  return i % 2 === 0
    ? `${folder}/model-configuration-set/component-${n}-settings.json`
    : `${folder}/模型配置集合/组件-${n}-设置文件.json`;
}

describe('output limits', () => {
  it('a 20,000-file diff: outputs under 1 MB, summary under 1 MiB with a note, everything in the file', async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    const before: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) before[name('gen', i)] = `{"n":${i}}`;
    await writeTree(ws, before);
    const run = (inputs: Record<string, string>) =>
      runAction({
        workspace: ws,
        server,
        repo: REPO,
        token: TOKEN,
        inputs: { track: 'big', paths: 'gen/**\nmoved/**', ...inputs },
        timeoutMs: 240_000,
      });
    const v1 = await run({});
    expect(v1.code, v1.stderr + v1.stdout).toBe(0);
    // Every file moves: 20,000 renames.
    await rm(join(ws, 'gen'), { recursive: true });
    const after: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) after[name('moved', i)] = `{"n":${i}}`;
    await writeTree(ws, after);
    const v2 = await run({});
    expect(v2.code, v2.stderr + v2.stdout).toBe(0);

    const r = await run({ command: 'diff', from: '1', to: '2' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    for (const [key, value] of Object.entries(r.outputs)) {
      expect(Buffer.byteLength(value), key).toBeLessThan(1_000_000);
    }
    expect(r.outputs['changed-count']).toBe(String(FILES));
    expect(r.outputs['lists-truncated']).toBe('true');
    const renamed = JSON.parse(r.outputs.renamed!) as { from: string; to: string }[];
    expect(renamed.length).toBeGreaterThan(100);
    expect(renamed.length).toBeLessThan(FILES);
    expect(renamed[0]).toMatchObject({ from: name('gen', 0), to: name('moved', 0) });
    expect(
      r.annotations.some(
        (a) => a.level === 'warning' && /renamed \(\d+ of 20000\)/.test(a.message),
      ),
    ).toBe(true);

    expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024);
    expect(r.summary).toMatch(/Showing [\d,]+ of 20,000 files to stay within GitHub's size limit/);
    expect(r.summary).toContain('`changes-file` output');

    const full = JSON.parse(await readFile(r.outputs['changes-file']!, 'utf8')) as {
      tracks: { files: { status: string }[] }[];
    };
    expect(full.tracks[0]!.files).toHaveLength(FILES);
    expect(full.tracks[0]!.files.every((f) => f.status === 'R')).toBe(true);
  }, 600_000);
});
