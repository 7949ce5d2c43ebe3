/**
 * The CLI's manners (dist/cli.js on full clones of an HTTP remote and a folder remote):
 * version, help per command, suggestions for typos, exit statuses, no stack trace for a
 * mistake, a closed pipe, colour only on a terminal, the actor of a terminal's record.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  gitEnv,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
  runCli,
} from '../harness/index.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const run = promisify(execFile);
let server: GitServer;
/** A stack frame line, as Node prints them. */
const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const cli = runCli;

/** A clone of a remote with two versions of track `m`, the second one `active`. */
async function registry(kind: string): Promise<{ dir: string; repo: string }> {
  const repo = `acme/manners-${kind}-${Math.random().toString(36).slice(2, 8)}`;
  await createRemoteRepo(server, repo, { 'm/w.json': '{"a": 1}\n' });
  const remote = kind === 'http' ? server.repoUrl(repo) : server.repoPath(repo);
  const dir = tempDir('cli-manners');
  await git(dir, ['clone', '-q', remote, '.']);
  await git(dir, ['config', 'user.name', 'Ada Lovelace']);
  await git(dir, ['config', 'user.email', 'ada@example.com']);
  for (const a of [1, 2]) {
    await writeTree(dir, { 'm/w.json': `{"a": ${a}}\n` });
    const r = await cli(dir, ['record', '--track', 'm', '--paths', 'm/**']);
    expect(r.code, r.stderr).toBe(0);
  }
  expect((await cli(dir, ['promote', '--track', 'm'])).code).toBe(0);
  return { dir, repo };
}

describe('snapback CLI manners', () => {
  it('prints its version and per-command help, exit 0', async () => {
    const dir = tempDir('cli-version');
    for (const flag of ['--version', '-V']) {
      const r = await cli(dir, [flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${PKG.version}\n`);
    }
    const help = await cli(dir, ['promote', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: snapback promote \[options\] \[selector\]/);
    expect(help.stdout).toContain('--alias <name>');
    // Accepted everywhere they are checked, shown only where they mean something.
    expect(help.stdout).not.toContain('--promote-metric');
    const top = await cli(dir, ['help', 'status']);
    expect(top.stdout).toMatch(/^Usage: snapback status/);
  });

  it('suggests the command or option meant, exit 2, without a stack trace', async () => {
    const dir = tempDir('cli-typo');
    const cmd = await cli(dir, ['stauts']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command 'stauts'[\s\S]*Did you mean status\?/);
    const opt = await cli(dir, ['status', '--jsn']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toMatch(/unknown option '--jsn'[\s\S]*Did you mean --json\?/);
    expect(cmd.stderr + opt.stderr).not.toMatch(STACK);
    const none = await cli(dir, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: snapback <command>');
  });

  it.each(['http', 'folder'])(
    'an unknown track, version or alias exits 1 naming it, with no stack and nothing changed (%s remote)',
    async (kind) => {
      const { dir, repo } = await registry(kind);
      const before = await server.refs(repo, 'refs/');
      const track = await cli(dir, ['status', '--track', 'nosuch']);
      expect(track.code).toBe(1);
      expect(track.stderr).toMatch(
        /Option '--track': 'nosuch' has no versions[\s\S]*Tracks there: m/,
      );
      const version = await cli(dir, ['promote', '99', '--track', 'm']);
      expect(version.code).toBe(1);
      expect(version.stderr).toMatch(/Argument <selector>: .*99/);
      const alias = await cli(dir, ['diff', 'production', 'latest', '--track', 'm']);
      expect(alias.code).toBe(1);
      expect(alias.stderr).toMatch(/production/);
      for (const r of [track, version, alias]) {
        expect(r.stderr).not.toMatch(STACK);
        expect(r.stdout).toBe('');
      }
      const demoted = await cli(dir, ['demote', '--alias', 'nosuch', '--track', 'm']);
      expect(demoted.code).toBe(1);
      expect(demoted.stderr).toMatch(/no alias 'nosuch' \(its aliases: active\)/);
      expect(demoted.stderr).not.toMatch(STACK);
      expect(await server.refs(repo, 'refs/')).toEqual(before);
    },
  );

  it('outside a clone, or with a remote the clone lacks, says so in one line, exit 1', async () => {
    const outside = await cli(tempDir('cli-nowhere'), ['status']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(
      /^snapback: .* is not inside a git work tree\.\nHint: Run snapback in a clone/,
    );
    const { dir } = await registry('folder');
    const remote = await cli(dir, ['status', '--remote', 'upstream']);
    expect(remote.code).toBe(1);
    expect(remote.stderr).toBe(
      "snapback: Option '--remote': 'upstream' is not a remote of this clone.\nHint: Its remotes: origin. Or give the registry's URL.\n",
    );
  });

  it.each(['http', 'folder'])(
    'records the actor from git user.name and user.email, and answers --json (%s remote)',
    async (kind) => {
      const { dir } = await registry(kind);
      const status = JSON.parse((await cli(dir, ['status', '--json'])).stdout) as {
        tracks: { versions: { actor?: string }[] }[];
      };
      expect(status.tracks[0]!.versions.map((v) => v.actor)).toEqual([
        'Ada Lovelace <ada@example.com>',
        'Ada Lovelace <ada@example.com>',
      ]);
      const prune = await cli(dir, [
        'prune',
        '--track',
        'm',
        '--keep-last',
        '1',
        '--dry-run',
        '--json',
      ]);
      expect(prune.code, prune.stderr).toBe(0);
      expect(JSON.parse(prune.stdout)).toMatchObject({ dryRun: true, tracks: [{ track: 'm' }] });
      const promote = await cli(dir, ['promote', '1', '--track', 'm', '--dry-run', '--json']);
      expect(JSON.parse(promote.stdout)).toMatchObject({ operation: 'dry-run', version: 1 });
      const diff = await cli(dir, ['diff', '1', '2', '--track', 'm', '--json']);
      expect(JSON.parse(diff.stdout).tracks[0].files[0]).toMatchObject({
        path: 'm/w.json',
        status: 'M',
      });
      const text = await cli(dir, ['diff', '1', '2', '--track', 'm']);
      expect(text.stdout).toMatch(
        /^m: v1 .*→ v2.*: 1 file\n {2}modified +m\/w\.json\n {6}~ a: 1 → 2\n/,
      );
    },
  );

  it('a reader that closes the pipe early is not an error (EPIPE)', async () => {
    const { dir } = await registry('folder');
    for (const args of [['status', '--json'], ['log'], ['list', '--verbose']]) {
      const child = spawn(process.execPath, [CLI, ...args], {
        cwd: dir,
        env: gitEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Gone before the first byte: every write of the result meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr, args.join(' ')).not.toMatch(/EPIPE|Error/);
      expect(code, args.join(' ')).toBe(0);
    }
  });

  it('colours only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const { dir } = await registry('folder');
    const ESC = '\u001b[';
    // `script` gives the CLI a pseudo-terminal for stdout and stderr.
    const onTty = async (args: string, env: Record<string, string> = {}) =>
      (
        await run('script', ['-qec', `"${process.execPath}" "${CLI}" ${args}`, '/dev/null'], {
          cwd: dir,
          env: gitEnv({ TERM: 'xterm', ...env }),
        })
      ).stdout;
    expect(await onTty('status')).toContain(ESC);
    expect(await onTty('status', { NO_COLOR: '1' })).not.toContain(ESC);
    expect(await onTty('status --no-color')).not.toContain(ESC);
    expect((await cli(dir, ['status'])).stdout).not.toContain(ESC);
  });
});
