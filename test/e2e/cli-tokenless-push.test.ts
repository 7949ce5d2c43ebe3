/**
 * The CLI (dist/cli.js) pruning hundreds of versions over HTTP with no token: the credentials
 * are the user and password in the clone's remote URL, the deletions go in one receive-pack
 * request (no `git push`, whose command line grows with every ref), and the password shows
 * nowhere.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  git,
  gitEnv,
  startGitServer,
  tempDir,
  type GitServer,
} from '../harness/index.js';
import { buildHistory } from '../../scripts/bench/history-build.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);
const PASSWORD = 'pw-e2e-tokenless-7f3a';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: PASSWORD });
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

describe('snapback CLI over HTTP without a token', () => {
  it('prunes 290 of 300 versions in one receive-pack request, with the credentials of the remote URL', async () => {
    const repo = 'acme/cli-tokenless-prune';
    const history = await buildHistory(
      server,
      repo,
      { tracks: ['model'], versions: 300 },
      tempDir('cli-tokenless-scratch'),
    );
    const dir = tempDir('cli-tokenless');
    await git(dir, ['clone', '-q', server.repoPath(repo), '.']);
    const url = new URL(server.repoUrl(repo));
    url.username = 'alice';
    url.password = PASSWORD;
    await git(dir, ['remote', 'set-url', 'origin', url.href]);

    const from = server.requests.length;
    const r = await cli(dir, ['prune', '--track', 'model', '--keep-last', '10', '--json']);
    expect(r.code, r.stderr).toBe(0);
    await server.idle();
    const mine = server.requests.slice(from).filter((q) => q.repo === repo);
    expect(mine.filter((q) => q.method === 'POST' && q.service === 'receive-pack')).toHaveLength(1);
    expect(mine.filter((q) => q.query.includes('git-receive-pack'))).toHaveLength(0);
    // Every request went with the URL's credentials (the server answers 401 without them).
    expect(mine.every((q) => q.status !== 401)).toBe(true);

    const versions = [...(await server.refs(repo, 'refs/versions/model/')).keys()].filter(
      (ref) => !ref.includes('/aliases/'),
    );
    const kept = versions.map((ref) => Number(ref.slice(ref.lastIndexOf('/') + 1)));
    // The newest ten, and the version the alias holds.
    const expected = new Set([...Array.from({ length: 10 }, (_, i) => 291 + i), history.active]);
    expect(new Set(kept)).toEqual(expected);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(PASSWORD));
    expect((await server.fsck(repo)).ok).toBe(true);
  });

  it('--push-mode git leaves the push to git push, which lands the same prune', async () => {
    const repo = 'acme/cli-tokenless-git-push';
    await buildHistory(server, repo, { tracks: ['model'], versions: 20 }, tempDir('cli-scratch'));
    const dir = tempDir('cli-tokenless');
    await git(dir, ['clone', '-q', server.repoPath(repo), '.']);
    const url = new URL(server.repoUrl(repo));
    url.username = 'alice';
    url.password = PASSWORD;
    await git(dir, ['remote', 'set-url', 'origin', url.href]);
    const from = server.requests.length;
    const r = await cli(dir, [
      'prune',
      '--track',
      'model',
      '--keep-last',
      '10',
      '--push-mode',
      'git',
    ]);
    expect(r.code, r.stderr).toBe(0);
    await server.idle();
    const mine = server.requests.slice(from).filter((q) => q.repo === repo);
    expect(mine.filter((q) => q.query.includes('git-receive-pack')).length).toBeGreaterThan(0);
    const left = [...(await server.refs(repo, 'refs/versions/model/')).keys()].filter(
      (ref) => !ref.includes('/aliases/'),
    );
    expect(left.length).toBeLessThanOrEqual(11);
  });
});
