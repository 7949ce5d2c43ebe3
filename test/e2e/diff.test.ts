/** diff, end to end through dist/index.js: selectors, outputs, key-level changes, summary. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'diff-token';
const REPO = 'acme/diff';
let server: GitServer;
let ws: string;

const record = async (files: Record<string, string | null>, extra: Record<string, string> = {}) => {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) {
      const { rm } = await import('node:fs/promises');
      await rm(`${ws}/${path}`);
    } else await writeTree(ws, { [path]: content });
  }
  const r = await runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { track: 'config', paths: 'conf/**', ...extra },
  });
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r;
};

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, {
    'conf/app.json': JSON.stringify(
      { llm: { model: 'a', temperature: 0.2 }, servers: [{ name: 'x', port: 1 }] },
      null,
      2,
    ),
    'conf/notes.txt': 'one\ntwo\nthree\n',
  });
  ws = await checkout(server, REPO, { token: TOKEN });
  await record({}, { VERSION: '' }); // v1, labelled dev-…
  await record({
    VERSION: '1.2.0\n',
    'conf/app.json': JSON.stringify(
      { llm: { model: 'b', temperature: 0.2 }, servers: [{ name: 'x', port: 2 }] },
      null,
      2,
    ),
  }); // v2
  await record({
    VERSION: '1.3.0\n',
    'conf/notes.txt': null,
    'conf/moved/notes.txt': 'one\ntwo\nthree\n',
    'conf/new.yaml': 'a: 1\n',
  }); // v3
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const diffRun = (inputs: Record<string, string>) =>
  runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { command: 'diff', track: 'config', ...inputs },
  });

describe('diff', () => {
  it('defaults to previous → latest and reports renames, additions and outputs', async () => {
    const r = await diffRun({});
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.added!)).toEqual(['conf/new.yaml']);
    expect(JSON.parse(r.outputs.renamed!)).toEqual([
      { from: 'conf/notes.txt', to: 'conf/moved/notes.txt', similarity: 100 },
    ]);
    expect(JSON.parse(r.outputs.modified!)).toEqual([]);
    expect(r.outputs['changed-count']).toBe('2');
    expect(r.outputs['has-changes']).toBe('true');
    const full = JSON.parse(readFileSync(r.outputs['changes-file']!, 'utf8'));
    expect(full.tracks[0]).toMatchObject({
      track: 'config',
      from: { version: 2 },
      to: { version: 3 },
    });
    expect(r.summary).toContain('v2 (previous) → v3 (latest)');
  });

  it('compares chosen versions key by key, and a semver range picks by label', async () => {
    const r = await diffRun({ from: '1', to: '^1.2.0 <1.3.0' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.modified!)).toEqual(['conf/app.json']);
    const full = JSON.parse(readFileSync(r.outputs['changes-file']!, 'utf8'));
    const keys = full.tracks[0].files[0].content.keys;
    expect(keys).toEqual([
      { path: 'llm.model', kind: 'changed', before: 'a', after: 'b' },
      { path: 'servers[0].port', kind: 'changed', before: 1, after: 2 },
    ]);
    expect(r.summary).toContain('llm.model');
  });

  it('compares the work tree with a version, and reports identical sides as no change', async () => {
    const same = await diffRun({ from: 'latest', to: 'worktree', paths: 'conf/**' });
    expect(same.code, same.stderr).toBe(0);
    expect(same.outputs['has-changes']).toBe('false');
    expect(same.summary).toContain('No changes');
    await writeTree(ws, { 'conf/new.yaml': 'a: 2\nb: [1]\n' });
    const changed = await diffRun({ from: 'latest', to: 'worktree', paths: 'conf/**' });
    expect(JSON.parse(changed.outputs.modified!)).toEqual(['conf/new.yaml']);
    await writeTree(ws, { 'conf/new.yaml': 'a: 1\n' });
  });

  it('reads aliases: an alias as a selector, and as the pull request default', async () => {
    const v2 = (await server.git(REPO, ['rev-parse', 'refs/versions/config/2'])).trim();
    await server.git(REPO, ['update-ref', 'refs/versions/config/aliases/active', v2]);
    try {
      const named = await diffRun({ from: 'active', to: '3' });
      expect(named.code, named.stderr).toBe(0);
      expect(named.summary).toContain('v2 (active) → v3');
      const api = await startFakeGitHub({ token: TOKEN });
      try {
        api.addRepo(REPO);
        const number = api.addPullRequest(REPO, { title: 'T', head: 'tune', base: 'main' });
        const pr = await runAction({
          workspace: ws,
          server,
          repo: REPO,
          token: TOKEN,
          eventName: 'pull_request',
          event: { pull_request: { number } },
          env: { GITHUB_API_URL: api.url },
          inputs: { command: 'diff', track: 'config', paths: 'conf/**' },
        });
        expect(pr.code, pr.stderr + pr.stdout).toBe(0);
        expect(pr.summary).toContain('v2 (active) → work tree');
        const comments = api.comments(REPO, number);
        expect(comments).toHaveLength(1);
        expect(pr.outputs['comment-id']).toBe(String(comments[0]!.id));
        expect(comments[0]!.body).toContain('v2 (active) → work tree');
        expect(api.violations).toEqual([]);
      } finally {
        await api.close();
      }
    } finally {
      await server.git(REPO, ['update-ref', '-d', 'refs/versions/config/aliases/active']);
    }
  });

  it('refuses an unknown selector, listing the versions that exist', async () => {
    const r = await diffRun({ from: '9' });
    expect(r.code).not.toBe(0);
    const error = r.annotations.find((a) => a.level === 'error')!.message;
    expect(error).toContain("Input 'from': version 9 does not exist.");
    expect(error).toContain("Versions of 'config': 1, 2, 3 (latest 3)");
    const odd = await diffRun({ to: '--upload-pack=evil' });
    expect(odd.annotations.find((a) => a.level === 'error')!.message).toContain("Input 'to'");
  });
});
