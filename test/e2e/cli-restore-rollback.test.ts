/**
 * `restore` and `rollback` from a terminal (dist/cli.js) on full clones of an HTTP remote and a
 * folder remote: dry runs, --json, the real thing, and bad input (the argument named, exit
 * status 1, nothing changed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startFakeGitHub,
  startGitServer,
  tempDir,
  writeTree,
  type FakeGitHub,
  type GitServer,
  runCli,
} from '../harness/index.js';
import { HOSTILE_CASES, hostileVersion } from '../harness/hostile-versions.js';

const TOKEN = 'cli-rollback-token';
const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;
let server: GitServer;
let api: FakeGitHub;

beforeAll(async () => {
  server = await startGitServer();
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
});
afterEach(() => {
  const left = [...api.violations];
  api.clearViolations();
  expect(left).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

const cli = runCli;

const TRACK = ['--track', 'conf', '--paths', 'conf/**'];

/** A clone with versions 1 (a=1, old.txt) and 2 (a=2, new.txt) of track conf; v2 committed. */
async function registry(kind: string): Promise<{ dir: string; repo: string }> {
  const repo = `acme/cli-restore-${kind}-${Math.random().toString(36).slice(2, 8)}`;
  await createRemoteRepo(server, repo, {
    'conf/a.json': '{"a":1}',
    'conf/old.txt': 'old',
    'src/x.py': '1\n',
  });
  const remote = kind === 'http' ? server.repoUrl(repo) : server.repoPath(repo);
  const dir = tempDir('cli-restore');
  await git(dir, ['clone', '-q', remote, '.']);
  expect((await cli(dir, ['record', ...TRACK])).code).toBe(0);
  await git(dir, ['rm', '-q', 'conf/old.txt']);
  await writeTree(dir, { 'conf/a.json': '{"a":2}', 'conf/new.txt': 'new' });
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'v2']);
  await git(dir, ['push', '-q', 'origin', 'HEAD']);
  expect((await cli(dir, ['record', ...TRACK])).code).toBe(0);
  return { dir, repo };
}

async function workTree(dir: string): Promise<string> {
  return (
    (await git(dir, ['status', '--porcelain', '--untracked-files=all'])) +
    (await git(dir, ['diff']))
  );
}

describe.each(['http', 'folder'])('restore from the CLI, %s remote', (kind) => {
  it('--dry-run lists the changes, --json gives them whole, then restore writes them', async () => {
    const { dir } = await registry(kind);
    const before = await workTree(dir);
    const dry = await cli(dir, ['restore', '1', ...TRACK, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.replace(/ \(dev-[0-9a-f]+\)/, '')).toBe(
      [
        'conf v1: restoring would change 3 files; nothing written (dry run).',
        '  M conf/a.json',
        '  D conf/new.txt',
        '  A conf/old.txt',
        '',
      ].join('\n'),
    );
    const json = await cli(dir, ['restore', '1', ...TRACK, '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      track: 'conf',
      target: { version: 1 },
      dryRun: true,
      unsaved: [],
      changes: [
        { path: 'conf/a.json', action: 'modify' },
        { path: 'conf/new.txt', action: 'delete' },
        { path: 'conf/old.txt', action: 'add' },
      ],
    });
    expect(await workTree(dir)).toBe(before);

    const done = await cli(dir, ['restore', '1', ...TRACK]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^conf v1 \(dev-[0-9a-f]+\): restored, 3 files changed\./);
    expect(readFileSync(`${dir}/conf/a.json`, 'utf8')).toBe('{"a":1}');
    expect(readFileSync(`${dir}/conf/old.txt`, 'utf8')).toBe('old');
    expect(existsSync(`${dir}/conf/new.txt`)).toBe(false);
    expect(readFileSync(`${dir}/src/x.py`, 'utf8')).toBe('1\n');
    // Back to the latest by alias-free selector: the work tree matches HEAD again.
    expect((await cli(dir, ['restore', 'latest', ...TRACK])).code).toBe(0);
    expect(await workTree(dir)).toBe('');
  });

  it('refuses unsaved work without --force, and bad input naming the argument; nothing changes', async () => {
    const { dir, repo } = await registry(kind);
    await writeTree(dir, { 'conf/a.json': '{"a":"mine"}' });
    const before = await workTree(dir);
    const refs = await server.refs(repo);
    const cases: [string[], RegExp][] = [
      [
        ['restore', '1', ...TRACK],
        /changes saved nowhere .*: conf\/a\.json\. Nothing was written\./,
      ],
      [['restore', ...TRACK], /Argument <selector>: is required/],
      [['restore', '9', ...TRACK], /Argument <selector>: version 9 does not exist\./],
      [['restore', 'production@{x}', ...TRACK], /Argument <selector>: 'production@\{x\}'/],
      [
        ['restore', '1', '--track', 'Bad/Name'],
        /Option '--track': 'Bad\/Name' is not a valid track name/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK);
      expect(await workTree(dir)).toBe(before);
    }
    expect(await server.refs(repo)).toEqual(refs);
    const forced = await cli(dir, ['restore', '1', ...TRACK, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/M conf\/a\.json +\(unsaved changes overwritten\)/);
  });
});

describe('restore from the CLI refuses hostile versions', () => {
  it('refuses each, naming the path, writing nothing', async () => {
    const repo = 'acme/cli-restore-hostile';
    const { commit: base } = await createRemoteRepo(server, repo, { 'conf/ok.json': '{}' });
    for (const [i, [, tree]] of HOSTILE_CASES.entries()) {
      await hostileVersion(server.repoPath(repo), base, i + 1, tree);
    }
    const dir = tempDir('cli-restore-hostile');
    await git(dir, ['clone', '-q', server.repoUrl(repo), '.']);
    const before = await workTree(dir);
    for (const [i, [name, , message]] of HOSTILE_CASES.entries()) {
      const r = await cli(dir, ['restore', String(i + 1), ...TRACK, '--force']);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toContain('nothing was written');
      expect(await workTree(dir)).toBe(before);
    }
  });
});

describe.each(['http', 'folder'])('rollback from the CLI, %s remote', (kind) => {
  it('--dry-run shows the diff without a token; bad input is named; nothing changes', async () => {
    const { dir, repo } = await registry(kind);
    const refs = await server.refs(repo);
    const dry = await cli(dir, ['rollback', '1', ...TRACK, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /Dry run: rolling back to conf v1 would change 3 files on main; nothing pushed\./,
    );
    const json = await cli(dir, ['rollback', '1', ...TRACK, '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      track: 'conf',
      target: { version: 1 },
      operation: 'none',
      commit: null,
    });
    const bad = await cli(dir, ['rollback', 'nine', ...TRACK, '--dry-run']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /Argument <selector>: 'nine' is not a version, alias, semver range or commit of track 'conf'/,
    );
    const noToken = await cli(dir, ['rollback', '1', ...TRACK]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/GH_TOKEN/);
    expect(noToken.stderr).not.toMatch(STACK);
    expect(await server.refs(repo)).toEqual(refs);
  });
});

describe('rollback from the CLI opens the pull request', () => {
  it('with GH_TOKEN, on the repository the remote names', async () => {
    const { dir, repo } = await registry('http');
    api.addRepo(repo);
    const r = await cli(dir, ['rollback', '1', ...TRACK, '--reason', 'bad config'], {
      GH_TOKEN: TOKEN,
      GITHUB_API_URL: api.url,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Rollback to conf v1: pull request #\d+ created/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    const branch = (await server.refs(repo)).get('refs/heads/snapback/rollback/conf');
    expect(branch).toBeDefined();
    expect(await git(server.repoPath(repo), ['show', `${branch}:conf/a.json`])).toBe('{"a":1}');
  });
});
