/**
 * The log a person reads on the Actions page: record's phases are collapsible groups, every
 * other command is one group, and decisions are debug lines (shown with step debugging), with
 * the token nowhere.
 */
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

const TOKEN = 'ghs_logs_token_value';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** The workflow commands of a run's stdout, in order: `group <title>`, `endgroup`, `debug <text>`. */
function commands(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => l.replace(/^::(group|endgroup|debug)::?/, '$1 ').trim());
}

describe('logs', () => {
  it('record: a group per phase; every command a debug line per decision; groups never nested', async () => {
    const repo = 'acme/logs';
    await createRemoteRepo(server, repo, { 'conf/a.json': '{"a":1}' });
    const ws = await checkout(server, repo, { token: TOKEN });
    const inputs = { track: 'config', paths: 'conf/**' };
    const first = await runAction({ workspace: ws, server, repo, token: TOKEN, inputs });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const lines = commands(first.stdout);
    const groups = lines.filter((l) => l.startsWith('group '));
    expect(groups).toEqual([
      'group List the files of config',
      'group Hash the files into snapshot trees',
      'group Claim the next version numbers and push',
    ]);
    // Every group is closed before the next opens.
    let open = false;
    for (const l of lines) {
      if (l.startsWith('group ')) {
        expect(open).toBe(false);
        open = true;
      } else if (l === 'endgroup') open = false;
    }
    expect(open).toBe(false);
    const debug = lines.filter((l) => l.startsWith('debug '));
    expect(debug).toContainEqual(expect.stringMatching(/^debug config: 1 files match/));
    expect(debug).toContainEqual(
      expect.stringMatching(/^debug config: tree [0-9a-f]{40}, 1 files\./),
    );
    expect(debug).toContainEqual(
      expect.stringMatching(/^debug config: latest on the server none; would be v1\./),
    );
    // The only line with the token is the runner's instruction to mask it.
    const withToken = first.stdout.split('\n').filter((l) => l.includes(TOKEN));
    expect(withToken).toEqual([`::add-mask::${TOKEN}`]);

    const again = await runAction({ workspace: ws, server, repo, token: TOKEN, inputs });
    expect(commands(again.stdout)).toContainEqual(
      'debug config: latest on the server v1; same tree: nothing to record.',
    );

    await writeTree(ws, { 'conf/a.json': '{"a":2}' });
    const diff = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { ...inputs, command: 'diff', from: '1', to: 'worktree' },
    });
    expect(diff.code, diff.stderr + diff.stdout).toBe(0);
    expect(commands(diff.stdout).filter((l) => l.startsWith('group '))).toEqual([
      'group snapback diff',
    ]);
    expect(commands(diff.stdout)).toContain(
      "debug config: from '1' is v1, to 'worktree' is work tree.",
    );

    const promote = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { ...inputs, command: 'promote', alias: 'production', version: '1' },
    });
    expect(commands(promote.stdout)).toContain(
      "debug config: '1' is v1; 'production' is on nothing.",
    );
    const prune = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { ...inputs, command: 'prune', 'keep-last': '1', 'dry-run': 'true' },
    });
    expect(commands(prune.stdout)).toContainEqual(
      expect.stringMatching(
        /^debug config: 1 versions under .*; keep v1 \(newest, aliased\); delete none\.$/,
      ),
    );
  });
});
