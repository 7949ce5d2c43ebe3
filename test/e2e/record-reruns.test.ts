/**
 * Skip-unchanged and re-runs: a version is recorded when the content changed, whatever commit
 * or run it comes from, and only then. A run finding its own version again (a re-run of the
 * very same attempt) is the one exception, and it needs the same run, attempt and commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  pushCommit,
  runAction,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
  runCli,
} from '../harness/index.js';

const TOKEN = 'rerun-token';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

function recordIn(repo: string, ws: string, runId: string, attempt = '1') {
  return runAction({
    workspace: ws,
    server,
    repo,
    token: TOKEN,
    inputs: { track: 'cfg', paths: 'cfg/**' },
    env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt },
  });
}

const cli = runCli;

describe('skip unchanged', () => {
  it('identical content from a new source commit records nothing, in another run or the same one', async () => {
    const repo = 'acme/rerun-source';
    await createRemoteRepo(server, repo, { 'cfg/a.json': '{"a":1}', 'README.md': 'one' });
    const first = await recordIn(repo, await checkout(server, repo, { token: TOKEN }), '500');
    expect(first.code, first.stderr + first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ recorded: 'true', version: '1' });

    // main moves on outside the track: a new source commit with the same track content.
    const { commit: source2 } = await pushCommit(server, repo, { 'README.md': 'two' });
    const ws = await checkout(server, repo, { token: TOKEN });
    const refsBefore = await server.refs(repo);
    for (const [runId, why] of [
      ['501', 'another run'],
      ['500', 'the same run id and attempt, but another commit'],
    ] as const) {
      const again = await recordIn(repo, ws, runId);
      expect(again.code, again.stderr + again.stdout).toBe(0);
      expect(again.outputs, why).toMatchObject({
        recorded: 'false',
        version: '1',
        commit: first.outputs.commit,
        'previous-version': '',
      });
      expect(again.stdout).toContain('unchanged since v1');
    }
    // Nothing moved on the server: no version, no note on the new source commit.
    expect(await server.refs(repo)).toEqual(refsBefore);
    await expect(server.git(repo, ['notes', '--ref=versions', 'show', source2])).rejects.toThrow(
      /no note found/,
    );
  });

  it('from the CLI (no run id): changed content records, identical content does not', async () => {
    const repo = 'acme/rerun-cli';
    await createRemoteRepo(server, repo, { 'cfg/a.json': '{"a":1}', 'README.md': 'one' });
    const dir = tempDir('rerun-cli');
    await git(dir, ['clone', '-q', server.repoPath(repo), '.']);
    const args = ['record', '--track', 'cfg', '--paths', 'cfg/**'];

    const v1 = await cli(dir, args);
    expect(v1.code, v1.stderr).toBe(0);
    expect(v1.stdout).toMatch(/^cfg: recorded v1 /);
    const same = await cli(dir, args);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^cfg: unchanged at v1 /);

    // Changed content on the same commit, with no run id to tell the runs apart: a new version.
    await writeTree(dir, { 'cfg/a.json': '{"a":2}' });
    const v2 = await cli(dir, args);
    expect(v2.code, v2.stderr).toBe(0);
    expect(v2.stdout).toMatch(/^cfg: recorded v2 /);
    // And again after committing it (a new source commit, identical content): nothing.
    await git(dir, ['commit', '-qam', 'a = 2']);
    const committed = await cli(dir, args);
    expect(committed.stdout).toMatch(/^cfg: unchanged at v2 /);
    expect([...(await server.refs(repo, 'refs/versions/cfg/')).keys()].sort()).toEqual([
      'refs/versions/cfg/1',
      'refs/versions/cfg/2',
    ]);
  });
});
