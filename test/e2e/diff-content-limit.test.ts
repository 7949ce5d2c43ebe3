/**
 * The limit on compared contents depends on the format: a 3 MiB JSON file is compared key by
 * key, a 3 MiB YAML file is listed by name only, through dist/index.js.
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

const TOKEN = 'content-limit-token';
const REPO = 'acme/content-limit';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'README.md': 'limit\n' });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** About 3 MiB of JSON and of YAML: 100,000 keys, `changed` of them with a new value. */
function files(changed: number): Record<string, string> {
  const json: Record<string, number> = {};
  const yaml: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    // Key 0 never changes: -0 is written as 0.
    const value = i < changed ? -i : i;
    json[`setting-number-${i}`] = value;
    yaml.push(`setting-number-${i}: ${value}\n`);
  }
  return { 'cfg/big.json': JSON.stringify(json, null, 1), 'cfg/big.yaml': yaml.join('') };
}

interface ChangesFile {
  tracks: { files: { path: string; content: { keys?: unknown[] } | null }[] }[];
}

describe('content limits by format', () => {
  it('compares a 3 MiB JSON file key by key and lists a 3 MiB YAML file by name', async () => {
    const ws = await checkout(server, REPO, { token: TOKEN });
    const run = (inputs: Record<string, string>) =>
      runAction({
        workspace: ws,
        server,
        repo: REPO,
        token: TOKEN,
        inputs: { track: 'cfg', paths: 'cfg/**', ...inputs },
        timeoutMs: 240_000,
      });
    const sizes = Object.values(files(0)).map((text) => Buffer.byteLength(text));
    expect(Math.min(...sizes)).toBeGreaterThan(2 * 1024 * 1024);
    expect(Math.max(...sizes)).toBeLessThan(5 * 1024 * 1024);

    await writeTree(ws, files(0));
    const v1 = await run({});
    expect(v1.code, v1.stderr + v1.stdout).toBe(0);
    await writeTree(ws, files(3));
    const v2 = await run({});
    expect(v2.code, v2.stderr + v2.stdout).toBe(0);

    const r = await run({ command: 'diff', from: '1', to: '2' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const full = JSON.parse(await readFile(r.outputs['changes-file']!, 'utf8')) as ChangesFile;
    const byPath = new Map(full.tracks[0]!.files.map((f) => [f.path, f.content]));
    expect(byPath.get('cfg/big.json')?.keys).toEqual([
      { path: 'setting-number-1', kind: 'changed', before: 1, after: -1 },
      { path: 'setting-number-2', kind: 'changed', before: 2, after: -2 },
    ]);
    expect(byPath.get('cfg/big.yaml')).toBeNull();
    expect(r.summary).toContain('_Contents of 1 large or numerous files were not compared');
  }, 600_000);
});
