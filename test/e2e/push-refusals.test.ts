/**
 * A server that refuses a push for policy (GitHub's rulesets and push protection, its large-file
 * and workflow-file checks, a GitHub Enterprise pre-receive hook) is not a lost race: the run
 * stops after the one request, shows the server's own words and a hint, and changes nothing.
 * The refusals come from a real `hooks/pre-receive` in the served repository, which
 * http-backend runs and whose output it relays on the progress channel, as GitHub does.
 */
import { execFile } from 'node:child_process';
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
  type ActionResult,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'ghs_refusal_token';
const REPO = 'acme/refusals';
let server: GitServer;
let ws: string;

/** A pre-receive hook that prints these lines on stderr (the progress channel) and declines. */
const decline = (lines: string[]) =>
  `cat >/dev/null\n${lines.map((l) => `echo '${l.replace(/'/g, `'\\''`)}' >&2`).join('\n')}\nexit 1\n`;

const KINDS = [
  {
    kind: 'GH013 ruleset',
    lines: [
      'error: GH013: Repository rule violations found for refs/versions/conf/1.',
      'Review all repository rules at https://github.com/acme/refusals/rules?ref=refs%2Fversions%2Fconf%2F1',
      '',
      '- Cannot create ref due to creations being restricted.',
    ],
    said: 'GH013: Repository rule violations found for refs/versions/conf/1.',
    hint: /ruleset or secret-scanning push protection/,
  },
  {
    kind: 'GH001 large file',
    lines: [
      'error: Trace: 6f1c2a4e9b0d7a3c5e8f1b2d4a6c8e0f',
      'error: See https://gh.io/lfs for more information.',
      "error: File conf/big.bin is 120.00 MB; this exceeds GitHub's file size limit of 100.00 MB",
      'error: GH001: Large files detected. You may want to try Git Large File Storage - https://git-lfs.github.com.',
    ],
    said: 'GH001: Large files detected.',
    hint: /GitHub refuses files over 100 MB/,
  },
  {
    kind: 'workflow permission',
    lines: [
      'refusing to allow a GitHub App to create or update workflow .github/workflows/x.yml without workflows permission',
    ],
    said: 'refusing to allow a GitHub App to create or update workflow .github/workflows/x.yml without workflows permission',
    hint: /allowed to change workflows/,
  },
  {
    kind: 'custom GHES hook',
    lines: [
      'POLICY-42: refs/versions/* may only be written by the release robot.',
      'Contact #platform-git for access.',
    ],
    said: 'POLICY-42: refs/versions/* may only be written by the release robot.',
    hint: /server-side hook refused the push/,
  },
];

const errorText = (r: ActionResult) =>
  r.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');

const receivePackPosts = () =>
  server.requests.filter((e) => e.service === 'receive-pack' && e.method === 'POST');

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'conf/app.toml': 'a = 1\n' });
  ws = await checkout(server, REPO, { token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

describe('a refused push', () => {
  it.each(KINDS)(
    '$kind: stops after exactly one request, shows the server’s words and a hint, changes nothing',
    async ({ lines, said, hint }) => {
      await server.setPreReceive(REPO, decline(lines));
      await writeTree(ws, { 'conf/app.toml': `a = ${Math.random()}\n` });
      const before = await server.refs(REPO);
      server.resetLog();
      const r = await runAction({
        workspace: ws,
        server,
        repo: REPO,
        token: TOKEN,
        inputs: { track: 'conf', paths: 'conf/**' },
      });
      await server.setPreReceive(REPO, undefined);
      expect(r.code, r.stdout).not.toBe(0);
      expect(receivePackPosts()).toHaveLength(1);
      const error = errorText(r);
      expect(error).toContain('The git server refused to update refs/versions/conf/');
      expect(error).toContain(said);
      expect(error).toMatch(hint);
      expect(error).not.toMatch(/other runs kept changing|after 40 attempts/);
      expect(r.stdout).not.toMatch(/Attempt \d+: another run changed/);
      expect((r.stdout + r.stderr).replace(`::add-mask::${TOKEN}`, '')).not.toContain(TOKEN);
      expect(await server.refs(REPO)).toEqual(before);
    },
  );

  it('push-mode git: the git push path classifies the same refusal the same way', async () => {
    const { lines, said, hint } = KINDS[0]!;
    await server.setPreReceive(REPO, decline(lines));
    await writeTree(ws, { 'conf/app.toml': `a = ${Math.random()}\n` });
    const before = await server.refs(REPO);
    server.resetLog();
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { track: 'conf', paths: 'conf/**', 'push-mode': 'git' },
    });
    await server.setPreReceive(REPO, undefined);
    expect(r.code, r.stdout).not.toBe(0);
    // git's push: the receive-pack advertisement, then one request carrying the commands.
    expect(
      server.requests.some((e) => e.service === 'info-refs' && e.gitService === 'git-receive-pack'),
    ).toBe(true);
    expect(receivePackPosts()).toHaveLength(1);
    const error = errorText(r);
    expect(error).toContain(said);
    expect(error).toMatch(hint);
    expect(error).not.toMatch(/other runs kept changing/);
    expect(await server.refs(REPO)).toEqual(before);
  });

  it('the CLI without a token (git push) stops on a custom hook’s refusal with its words', async () => {
    const open = await startGitServer();
    try {
      const repo = 'acme/cli-refusal';
      await createRemoteRepo(open, repo, { 'conf/a.toml': 'a = 1\n' });
      const dir = tempDir('cli-refusal');
      await git(dir, ['clone', '-q', open.repoUrl(repo), '.']);
      const { lines, said, hint } = KINDS[3]!;
      await open.setPreReceive(repo, decline(lines));
      const before = await open.refs(repo);
      open.resetLog();
      const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
      const r = await promisify(execFile)(
        process.execPath,
        [cli, 'record', '--track', 'conf', '--paths', 'conf/**'],
        { cwd: dir, env: gitEnv() },
      ).then(
        (o) => ({ code: 0, out: o.stdout + o.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({
          code: e.code,
          out: e.stdout + e.stderr,
        }),
      );
      expect(r.code, r.out).not.toBe(0);
      expect(r.out).toContain(said);
      expect(r.out).toMatch(hint);
      expect(r.out).not.toMatch(/Attempt \d+: another run changed/);
      expect(
        open.requests.filter((e) => e.service === 'receive-pack' && e.method === 'POST'),
      ).toHaveLength(1);
      expect(await open.refs(repo)).toEqual(before);
    } finally {
      await open.close();
    }
  });

  it('a stale old value is still a race: the run looks again and lands the next number', async () => {
    // The control: the hook itself creates refs/versions/race/1 just before the push would, once,
    // so the compare-and-swap fails on git's own terms (`atomic transaction failed`, `cannot
    // lock ref` on the progress channel) and the retry must claim v2.
    await server.setPreReceive(
      REPO,
      [
        'cat >/dev/null',
        'if [ ! -e race-done ]; then',
        '  touch race-done',
        '  env -u GIT_QUARANTINE_PATH git update-ref refs/versions/race/1 refs/heads/main',
        'fi',
        'exit 0',
      ].join('\n'),
    );
    await writeTree(ws, { 'conf/app.toml': 'race = 1\n' });
    server.resetLog();
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { track: 'race', paths: 'conf/**' },
    });
    await server.setPreReceive(REPO, undefined);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/Attempt 1: another run changed the registry first/);
    expect(r.outputs.version).toBe('2');
    expect(receivePackPosts()).toHaveLength(2);
  });
});
