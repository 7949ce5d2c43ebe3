/** The CLI (dist/cli.js) on a developer's full clone, against an HTTP remote and a plain folder. */
import { execFile } from 'node:child_process';
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
} from '../harness/index.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

async function cli(cwd: string, args: string[]) {
  try {
    const r = await run(process.execPath, [CLI, ...args], { cwd, env: gitEnv() });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

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
    expect((await cli(dir, ['--help'])).stdout).toContain('Usage: snapback record');
    const bad = await cli(dir, ['record', '--track', 'Bad Name', '--paths', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Option '--track': 'Bad Name' is not a valid track name/);
  });
});
