/**
 * A server that accepts the connection and never answers, at each network step in turn: the
 * run gives up by itself (within 5 × network-timeout per step), with an error that names the
 * server and the step and not the token, and leaves the server's store and the clone as they
 * were. The measured give-up times are printed for BENCHMARKS.md (not asserted: the machine is
 * shared).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type ActionResult,
  type FakeGitHub,
  type GitServer,
  type HookRequest,
  type HookResult,
} from '../harness/index.js';
import { cloneLitter, untilClientLeaves } from '../harness/hang.js';

const TOKEN = 'hang-token-3f9a';
const REPO = 'acme/hang';
/** Small, so each hang ends in 5 × 2 s. */
const NETWORK_TIMEOUT = 2;
let server: GitServer;
const gaveUpAfter: Record<string, number> = {};

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'cfg/a.json': '{"v":0}' });
});
afterEach(() => server.setHook(undefined));
afterAll(async () => {
  // Seconds from the moment the server started holding the request to the run's exit.
  console.log(`give-up times (network-timeout ${NETWORK_TIMEOUT}):`, gaveUpAfter);
  await server?.close();
  await cleanupTempDirs();
});

/** A fresh checkout of a track with v1 recorded and a change on disk: recording v2 fetches v1. */
async function prepared(track: string): Promise<string> {
  const ws = await checkout(server, REPO, { token: TOKEN });
  await writeTree(ws, { 'cfg/gen.json': `{"track":"${track}","n":1}` });
  const first = await record(ws, track, {});
  expect(first.code, first.stderr).toBe(0);
  const fresh = await checkout(server, REPO, { token: TOKEN });
  await writeTree(fresh, { 'cfg/gen.json': `{"track":"${track}","n":2}` });
  return fresh;
}

function record(ws: string, track: string, inputs: Record<string, string>) {
  return runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { track, paths: 'cfg/**', ...inputs },
    timeoutMs: 90_000,
  });
}

/** The run ended by itself, non-zero, with one error naming the host and the step. */
function expectGaveUp(r: ActionResult, host: string, step: string): void {
  expect(r.timedOut).toBe(false);
  expect(r.code).toBe(1);
  const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
  expect(errors, r.stdout).toHaveLength(1);
  expect(errors[0]).toContain(`No answer from ${host} while ${step}`);
  expect(errors[0]).toContain('raise network-timeout');
  expect(errors[0]).not.toMatch(/\n\s+at /);
  // The one place the token may appear is the runner command that masks it.
  const all = (r.stdout + r.stderr).replace(`::add-mask::${TOKEN}`, '');
  expect(all).not.toContain(TOKEN);
  expect(all).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
}

const upload = (req: HookRequest, command: string) =>
  req.service === 'upload-pack' && (req.body?.toString('latin1') ?? '').includes(command);

const PHASES: {
  phase: string;
  step: string;
  /** Decides per request: hang it (true), answer it (a HookResult), or let it through. */
  hook: () => (req: HookRequest) => boolean | HookResult;
}[] = [
  {
    phase: 'ref listing',
    step: "listing the registry's refs",
    hook: () => (req) => upload(req, 'command=ls-refs'),
  },
  {
    phase: 'fetch',
    step: 'fetching from the registry',
    hook: () => (req) => upload(req, 'command=fetch'),
  },
  {
    phase: 'push request',
    step: 'pushing to the registry',
    hook: () => (req) => req.service === 'receive-pack',
  },
  {
    phase: 'git push fallback',
    step: 'pushing to the registry',
    hook: () => {
      // Our push request is turned away, so `git push` takes over; its ref advertisement hangs.
      let refused = false;
      return (req) => {
        if (req.service === 'receive-pack' && !refused) {
          refused = true;
          return { status: 415, body: 'unsupported\n' };
        }
        return req.service === 'info-refs' && req.gitService === 'git-receive-pack';
      };
    },
  },
];

describe('a server that never answers', () => {
  it.each(PHASES)(
    'hanging the $phase ends the run with a timeout',
    async ({ phase, step, hook }) => {
      const track = `hang-${phase.replace(/\W+/g, '-')}`;
      const ws = await prepared(track);
      const before = await server.refs(REPO);
      let hungAt = 0;
      const decide = hook();
      server.setHook(async (req) => {
        const verdict = decide(req);
        if (verdict === false || verdict === undefined) return;
        if (verdict !== true) return verdict;
        hungAt ||= Date.now();
        await untilClientLeaves(req.signal);
      });
      const r = await record(ws, track, { 'network-timeout': String(NETWORK_TIMEOUT) });
      gaveUpAfter[phase] = Math.round((Date.now() - hungAt) / 100) / 10;
      expect(hungAt).toBeGreaterThan(0);
      expectGaveUp(r, new URL(server.url).host, step);
      server.setHook(undefined);
      await server.idle();
      expect(await server.refs(REPO)).toEqual(before);
      const fsck = await server.fsck(REPO);
      expect(fsck.ok, fsck.output).toBe(true);
      expect(await cloneLitter(ws)).toEqual([]);
    },
  );
});

describe('a GitHub API that never answers', () => {
  let api: FakeGitHub;
  beforeAll(async () => {
    api = await startFakeGitHub();
    api.addToken(TOKEN, { permissions: { contents: 'write', 'pull-requests': 'write' } });
  });
  afterAll(async () => api?.close());

  it('hanging the REST call of a pull request comment ends the run with a timeout', async () => {
    const repo = 'acme/hang-api';
    await createRemoteRepo(server, repo, { 'conf/app.json': '{"a":1}' });
    const ws = await checkout(server, repo, { token: TOKEN });
    const base = { workspace: ws, server, repo, token: TOKEN, timeoutMs: 90_000 };
    const first = await runAction({ ...base, inputs: { track: 'conf', paths: 'conf/**' } });
    expect(first.code, first.stderr).toBe(0);
    api.addRepo(repo);
    const pr = api.addPullRequest(repo, { title: 'Tune', head: 'tune', base: 'main' });
    await writeTree(ws, { 'conf/app.json': '{"a":2}' });
    let hungAt = 0;
    api.setHook(async (req) => {
      if (req.operationId !== 'issues/list-comments') return;
      hungAt ||= Date.now();
      await untilClientLeaves(req.signal);
    });
    const r = await runAction({
      ...base,
      eventName: 'pull_request',
      event: { action: 'synchronize', number: pr, pull_request: { number: pr } },
      env: { GITHUB_API_URL: api.url },
      inputs: {
        command: 'diff',
        track: 'conf',
        paths: 'conf/**',
        'network-timeout': String(NETWORK_TIMEOUT),
      },
    });
    gaveUpAfter['REST call'] = Math.round((Date.now() - hungAt) / 100) / 10;
    api.setHook(undefined);
    expect(hungAt).toBeGreaterThan(0);
    expectGaveUp(
      r,
      new URL(api.url).host,
      `calling the GitHub API (GET /repos/${repo}/issues/${pr}/comments)`,
    );
    expect(api.comments(repo, pr)).toEqual([]);
  });
});
