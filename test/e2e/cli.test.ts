/** The CLI (dist/cli.js) on a developer's full clone, against an HTTP remote and a plain folder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
  runCli,
} from '../harness/index.js';

let server: GitServer;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const cli = runCli;

describe('snapback CLI', () => {
  it.each(['http', 'folder'])(
    'records on a full clone of a %s remote without making it shallow',
    async (kind) => {
      const repo = `acme/cli-${kind}`;
      await createRemoteRepo(server, repo, { 'conf/a.toml': 'a = 1\n' });
      const remote = kind === 'http' ? server.repoUrl(repo) : server.repoPath(repo);
      const dir = tempDir('cli-clone');
      await git(dir, ['clone', '-q', remote, '.']);

      const dry = await cli(dir, ['record', '--track', 'conf', '--paths', 'conf/**', '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/conf: would record v1/);
      expect((await server.refs(repo, 'refs/versions/')).size).toBe(0);

      const rec = await cli(dir, [
        'record',
        '--track',
        'conf',
        '--paths',
        'conf/**',
        '--reason',
        'by hand',
      ]);
      expect(rec.code, rec.stderr).toBe(0);
      expect(rec.stdout).toMatch(/conf: recorded v1 .* refs\/versions\/conf\/1 [0-9a-f]{40}/);
      await writeTree(dir, { 'conf/a.toml': 'a = 2\n' });
      expect((await cli(dir, ['record', '--track', 'conf', '--paths', 'conf/**'])).stdout).toMatch(
        /recorded v2/,
      );
      expect((await git(dir, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('false');
      expect(await git(dir, ['log', '-1', '--format=%s', 'refs/versions/conf/2'])).toBe(
        'snapback: conf v2\n',
      );
      expect((await server.fsck(repo)).ok).toBe(true);
    },
  );

  it('explains usage and rejects bad input with the option named', async () => {
    const dir = tempDir('cli-bad');
    await git(dir, ['init', '-q']);
    expect((await cli(dir, ['--help'])).stdout).toContain('Usage: snapback <command>');
    const bad = await cli(dir, ['record', '--track', 'Bad Name', '--paths', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Option '--track': 'Bad Name' is not a valid track name/);
  });

  it.each(['http', 'folder'])(
    'promotes, prunes and shows status on a clone of a %s remote that never fetched the versions',
    async (kind) => {
      const repo = `acme/cli-registry-${kind}`;
      await createRemoteRepo(server, repo, { 'm/w.json': '0' });
      const remote = kind === 'http' ? server.repoUrl(repo) : server.repoPath(repo);
      const writer = tempDir('cli-writer');
      await git(writer, ['clone', '-q', remote, '.']);
      for (let i = 1; i <= 4; i++) {
        await writeTree(writer, { 'm/w.json': String(i), 'metrics.json': `{"f1": 0.${i}}` });
        const r = await cli(writer, [
          'record',
          '--track',
          'm',
          '--paths',
          'm/**',
          '--metrics',
          'metrics.json',
        ]);
        expect(r.code, r.stderr).toBe(0);
      }
      // Another developer's clone: none of the version commits are here.
      const dir = tempDir('cli-other');
      await git(dir, ['clone', '-q', remote, '.']);
      const promoted = await cli(dir, [
        'promote',
        '--track',
        'm',
        '--version',
        '2',
        '--reason',
        'pin',
      ]);
      expect(promoted.code, promoted.stderr).toBe(0);
      expect(promoted.stdout).toBe('m: active moved nothing → v2\n');
      const dry = await cli(dir, ['prune', '--track', 'm', '--keep-last', '1', '--dry-run']);
      expect(dry.stdout).toBe('m: would prune v1, v3; kept v2, v4\n');
      expect((await server.refs(repo, 'refs/versions/m/')).size).toBe(5);
      const pruned = await cli(dir, ['prune', '--track', 'm', '--keep-last', '1']);
      expect(pruned.code, pruned.stderr).toBe(0);
      expect([...(await server.refs(repo, 'refs/versions/m/')).keys()].sort()).toEqual([
        'refs/versions/m/2',
        'refs/versions/m/4',
        'refs/versions/m/aliases/active',
      ]);
      const shown = await cli(dir, ['status', '--drift-warn-versions', '0']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(
        /^m: 2 versions, latest v4\n {2}active → v2 \(1 behind for .*\) {2}! 1 version behind \(threshold 0\)\n/,
      );
      const json = JSON.parse((await cli(dir, ['status', '--json'])).stdout);
      expect(json.tracks[0].pruned.map((p: { version: number }) => p.version)).toEqual([1, 3]);
      expect(json.tracks[0].versions[1].metrics).toEqual({ f1: 0.4 });
      expect((await server.fsck(repo)).ok).toBe(true);
    },
  );
});
