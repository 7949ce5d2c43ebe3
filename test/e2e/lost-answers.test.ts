/**
 * A lost answer must not flip the outputs. The git server applies a push and then resets the
 * connection before answering (`dropAnswer`); the fake API creates a pull request and answers
 * 502. The retry then finds the new state, and each command must recognise its own landed
 * change and report what it did, not "nothing to do". Through dist/index.js.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  pushCommit,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'lost-token';
const REPO = 'acme/lost';
const TRACK = 'conf';
let server: GitServer;
let api: FakeGitHub;
let ws: string;

const run = (
  inputs: Record<string, string>,
  extra: Partial<Parameters<typeof runAction>[0]> = {},
) =>
  runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    env: { GITHUB_API_URL: api.url },
    inputs: { track: TRACK, paths: 'conf/**', ...inputs },
    ...extra,
  });

/** Runs `fn` while the first receive-pack POST is applied and its answer dropped. */
async function losingFirstPushAnswer<T>(fn: () => Promise<T>): Promise<T> {
  let dropped = 0;
  server.setHook((req) => {
    if (req.service !== 'receive-pack' || req.method !== 'POST' || dropped > 0) return;
    dropped++;
    return { dropAnswer: true as const };
  });
  try {
    return await fn();
  } finally {
    server.setHook(undefined);
    expect(dropped).toBe(1);
  }
}

const ref = async (name: string) => (await server.refs(REPO)).get(name);
const versions = async () =>
  [...(await server.refs(REPO, `refs/versions/${TRACK}/`)).keys()]
    .map((r) => r.slice(`refs/versions/${TRACK}/`.length))
    .filter((r) => /^\d+$/.test(r))
    .map(Number)
    .sort((a, b) => a - b);

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  api.addRepo(REPO);
  await createRemoteRepo(server, REPO, { 'conf/app.json': '{"v":0}' });
  ws = await checkout(server, REPO, { token: TOKEN });
  for (let i = 1; i <= 5; i++) {
    await writeTree(ws, { 'conf/app.json': JSON.stringify({ v: i }) });
    const r = await run({});
    expect(r.code, r.stderr + r.stdout).toBe(0);
  }
});
afterEach(() => {
  expect(api.violations).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

describe('a lost answer does not flip the outputs', () => {
  it('promote: the alias moved although the answer was lost → promoted=true', async () => {
    const r = await losingFirstPushAnswer(() => run({ command: 'promote', version: '3' }));
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ promoted: 'true', version: '3', 'previous-version': '' });
    expect(await ref(`refs/versions/${TRACK}/aliases/active`)).toBe(
      await ref(`refs/versions/${TRACK}/3`),
    );
    expect(r.stdout).not.toContain('nothing changed');
  });

  it('demote: the alias went although the answer was lost → previous-version says which', async () => {
    const staging = await run({ command: 'promote', version: '4', alias: 'staging' });
    expect(staging.outputs.promoted).toBe('true');
    const r = await losingFirstPushAnswer(() => run({ command: 'demote', alias: 'staging' }));
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ promoted: 'false', version: '', 'previous-version': '4' });
    expect(r.stdout).not.toContain('nothing to remove');
    expect(await ref(`refs/versions/${TRACK}/aliases/staging`)).toBeUndefined();
  });

  it('prune: the versions went although the answer was lost → pruned=[1,2,4]', async () => {
    // v3 is active (promoted above): kept whatever the policy says.
    const r = await losingFirstPushAnswer(() => run({ command: 'prune', 'keep-last': '1' }));
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.outputs.pruned!)).toEqual([1, 2, 4]);
    expect(await versions()).toEqual([3, 5]);
    expect((await server.fsck(REPO)).ok).toBe(true);
  });

  it('rollback: branch push and pull request creation both lose their answer → one pull request, created', async () => {
    await pushCommit(server, REPO, { 'conf/app.json': '{"v":5}' }, { replace: true });
    ws = await checkout(server, REPO, { token: TOKEN });
    api.failAfterApplying('pulls/create', 1);
    const r = await losingFirstPushAnswer(() =>
      run(
        { command: 'rollback', version: '3' },
        { eventName: 'workflow_dispatch', event: { inputs: { version: '3' } } },
      ),
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const pulls = api.pullRequests(REPO);
    expect(pulls).toHaveLength(1);
    expect(r.outputs).toMatchObject({
      'pull-request-operation': 'created',
      'pull-request-number': String(pulls[0]!.number),
      version: '3',
    });
    const branch = await ref('refs/heads/snapback/rollback/conf');
    expect(r.outputs.commit).toBe(branch);
    const tree = (rev: string) => server.git(REPO, ['rev-parse', `${rev}^{tree}`]);
    expect(await tree(branch!)).toBe(await tree(`refs/versions/${TRACK}/3`));
  });
});
