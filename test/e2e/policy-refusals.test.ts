/**
 * Policies end to end: an out-of-range value fails the step with the input named and nothing
 * changed on the server; and retention never deletes a version an alias points at, even when
 * the alias was moved with plain git (no notes), before the prune looked or while it pushed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  runAction,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
  runCli,
} from '../harness/index.js';

const TOKEN = 'policy-token';
let server: GitServer;
/** No token: the CLI pushes with `git push` through it. */
let open: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  open = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await open?.close();
  await cleanupTempDirs();
});

const cli = runCli;

/** A repository with versions 1-4 of track `m` recorded through the action. */
async function fourVersions(repo: string, extra: Record<string, string> = {}): Promise<string> {
  await createRemoteRepo(server, repo, { 'm/w.json': '0', ...extra });
  const ws = await checkout(server, repo, { token: TOKEN });
  for (let i = 1; i <= 4; i++) {
    await writeTree(ws, { 'm/w.json': String(i), 'metrics.json': `{"f1":0.${i}}` });
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { track: 'm', paths: 'm/**' },
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
  }
  return ws;
}

const versionsLeft = async (s: GitServer, repo: string) =>
  [...(await s.refs(repo, 'refs/versions/m/')).keys()]
    .map((r) => /\/(\d+)$/.exec(r)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

describe('out-of-range policies', () => {
  it('fail the step, name the input or config field, and change nothing on the server', async () => {
    const repo = 'acme/policy-bad';
    const ws = await fourVersions(repo);
    await writeTree(ws, { 'm/w.json': 'changed', 'metrics.json': '{"f1":0.9}' });
    const before = await server.refs(repo);
    const record = { track: 'm', paths: 'm/**', metrics: 'metrics.json' };
    const cases: [Record<string, string>, RegExp][] = [
      [{ command: 'prune', track: 'm', 'keep-last': '0' }, /Input 'keep-last': '0'/],
      [{ command: 'prune', track: 'm', 'keep-last': '-3' }, /Input 'keep-last': '-3'/],
      [{ command: 'prune', track: 'm', 'keep-days': '-1' }, /Input 'keep-days': must be 0 or more/],
      [{ ...record, 'keep-last': '0' }, /Input 'keep-last'/],
      [
        { ...record, 'promote-metric': 'f1', 'promote-min-improvement': '-0.02' },
        /Input 'promote-min-improvement': must be 0 or more, got -0\.02/,
      ],
      [
        { ...record, 'promote-metric': 'f1', 'promote-direction': 'up' },
        /Input 'promote-direction': 'up' is not a direction/,
      ],
      [{ ...record, 'promote-metric': 'f1', 'promote-high': 'x' }, /Input 'promote-high'/],
      [{ ...record, 'drift-warn-versions': '-1' }, /Input 'drift-warn-versions'/],
      [{ ...record, 'drift-warn-age': 'soon' }, /Input 'drift-warn-age'/],
      [{ ...record, 'max-file-size': '0' }, /Input 'max-file-size': must be greater than zero/],
      [{ command: 'promote', track: 'm', alias: 'latest', version: '1' }, /Input 'alias'/],
    ];
    for (const [inputs, message] of cases) {
      const r = await runAction({ workspace: ws, server, repo, token: TOKEN, inputs });
      expect(r.code, JSON.stringify(inputs)).toBe(1);
      const error = r.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error, JSON.stringify(inputs)).toMatch(message);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(await server.refs(repo)).toEqual(before);
  });

  it('in the config file fail the step naming the field, and change nothing on the server', async () => {
    const repo = 'acme/policy-bad-config';
    const ws = await fourVersions(repo);
    const before = await server.refs(repo);
    const configs: [string, RegExp][] = [
      ['    keep-last: 0\n', /snapback\.yml:4: tracks\.m\.keep-last/],
      ['    keep-days: -2\n', /snapback\.yml:4: tracks\.m\.keep-days/],
      ['    drift-warn-age: -3\n', /tracks\.m\.drift-warn-age\)': '-3' is not a duration/],
      [
        '    promote:\n      metric: f1\n      min-improvement: -1\n',
        /snapback\.yml:6: tracks\.m\.promote\.min-improvement/,
      ],
    ];
    for (const [extra, message] of configs) {
      await writeTree(ws, { '.github/snapback.yml': `tracks:\n  m:\n    paths: m/**\n${extra}` });
      for (const command of ['record', 'prune', 'status']) {
        await writeTree(ws, { 'm/w.json': `${command} ${extra}` });
        const r = await runAction({
          workspace: ws,
          server,
          repo,
          token: TOKEN,
          inputs: { command },
        });
        expect(r.code, `${command} ${extra}`).toBe(1);
        expect(r.annotations.find((a) => a.level === 'error')?.message).toMatch(message);
      }
    }
    expect(await server.refs(repo)).toEqual(before);
  });
});

describe('prune and aliases moved with plain git', () => {
  it('keeps a version an alias was pushed onto with plain git (no notes)', async () => {
    const repo = 'acme/policy-plain-alias';
    const ws = await fourVersions(repo);
    const v1 = (await server.git(repo, ['rev-parse', 'refs/versions/m/1'])).trim();
    // A person moves the alias by hand: a plain push, no snapback, no notes.
    await git(ws, ['fetch', '-q', 'origin', 'refs/versions/m/1']);
    await git(ws, ['push', '-q', 'origin', `${v1}:refs/versions/m/aliases/pinned`]);
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { command: 'prune', track: 'm', 'keep-last': '1' },
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.pruned!)).toEqual([2, 3]);
    expect(await versionsLeft(server, repo)).toEqual([1, 4]);
  });

  it('the action keeps a version an alias is moved onto with plain git after the prune looked', async () => {
    const repo = 'acme/policy-alias-race';
    await fourVersions(repo);
    const v2 = (await server.git(repo, ['rev-parse', 'refs/versions/m/2'])).trim();
    // The alias exists when the prune looks (on v4, kept anyway); it moves after that. An alias
    // created from nothing at that moment cannot be seen: git has no lock on a whole prefix.
    await server.git(repo, ['update-ref', 'refs/versions/m/aliases/pinned', 'refs/versions/m/4']);
    let struck = false;
    server.setHook(async (req) => {
      if (!struck && req.repo === repo && req.service === 'receive-pack') {
        struck = true;
        // After the prune looked, before its request is applied: the alias lands on v2.
        await server.git(repo, ['update-ref', 'refs/versions/m/aliases/pinned', v2]);
      }
    });
    server.resetLog();
    const ws = await checkout(server, repo, { token: TOKEN });
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { command: 'prune', track: 'm', 'keep-last': '1' },
    }).finally(() => server.setHook(undefined));
    expect(struck).toBe(true);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    // The first request was refused (the alias check), the second kept v2.
    await server.idle();
    expect(server.requests.filter((q) => q.repo === repo && q.refused.length > 0)).toHaveLength(1);
    expect(JSON.parse(r.outputs.pruned!)).toEqual([1, 3]);
    expect(await versionsLeft(server, repo)).toEqual([2, 4]);
    expect((await server.refs(repo)).get('refs/versions/m/aliases/pinned')).toBe(v2);
  });

  it('the CLI (git push) keeps a version an alias is moved onto with plain git after the prune looked', async () => {
    const repo = 'acme/policy-alias-race-cli';
    await createRemoteRepo(open, repo, { 'm/w.json': '0' });
    const dir = tempDir('policy-cli');
    await git(dir, ['clone', '-q', open.repoUrl(repo), '.']);
    for (let i = 1; i <= 4; i++) {
      await writeTree(dir, { 'm/w.json': String(i) });
      const r = await cli(dir, ['record', '--track', 'm', '--paths', 'm/**']);
      expect(r.code, r.stderr).toBe(0);
    }
    const v2 = (await open.git(repo, ['rev-parse', 'refs/versions/m/2'])).trim();
    await open.git(repo, ['update-ref', 'refs/versions/m/aliases/pinned', 'refs/versions/m/4']);
    let struck = false;
    open.setHook(async (req) => {
      // `git push` asks for the refs first: after snapback looked, before git looks.
      if (!struck && req.repo === repo && req.gitService === 'git-receive-pack') {
        struck = true;
        await open.git(repo, ['update-ref', 'refs/versions/m/aliases/pinned', v2]);
      }
    });
    const r = await cli(dir, ['prune', '--track', 'm', '--keep-last', '1']).finally(() =>
      open.setHook(undefined),
    );
    expect(struck).toBe(true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('m: pruned v1, v3; kept v2, v4\n');
    expect(await versionsLeft(open, repo)).toEqual([2, 4]);
  });
});
