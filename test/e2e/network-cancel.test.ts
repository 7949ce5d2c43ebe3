/**
 * A cancelled job: the runner sends SIGINT (then SIGTERM 7.5 s later). With the push hanging and
 * the default network-timeout (so only the signal can end it), the run stops by itself: it
 * drops its request or kills the git it started (the server sees the client leave), removes its
 * temporary files, changes nothing on the server, and exits non-zero saying it was cancelled.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startAction,
  startGitServer,
  writeTree,
  type GitServer,
  type HookRequest,
} from '../harness/index.js';
import { cloneLitter, untilClientLeaves } from '../harness/hang.js';

const TOKEN = 'cancel-token';
const REPO = 'acme/cancel';
let server: GitServer;
const stoppedAfter: Record<string, number> = {};

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'cfg/a.json': '{"v":0}' });
});
afterEach(() => server.setHook(undefined));
afterAll(async () => {
  console.log('seconds from the signal to the exit:', stoppedAfter);
  await server?.close();
  await cleanupTempDirs();
});

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const CASES: {
  signal: NodeJS.Signals;
  phase: string;
  /** true: hold this request until the client leaves; an object: answer it. */
  hang: () => (req: HookRequest) => boolean | { status: number; body: string };
}[] = [
  {
    signal: 'SIGINT',
    phase: 'our push request',
    hang: () => (req) => req.service === 'receive-pack',
  },
  {
    signal: 'SIGTERM',
    phase: 'the git push it falls back to',
    hang: () => {
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

describe('a cancelled run', () => {
  it.each(CASES)('$signal during $phase stops cleanly', async ({ signal, phase, hang }) => {
    const track = `cancel-${signal.toLowerCase()}`;
    const ws = await checkout(server, REPO, { token: TOKEN });
    await writeTree(ws, { 'cfg/gen.json': `{"n":1}` });
    const first = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { track, paths: 'cfg/**' },
    });
    expect(first.code, first.stderr).toBe(0);
    await writeTree(ws, { 'cfg/gen.json': `{"n":2}` });
    const before = await server.refs(REPO);

    let hung: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (hung = resolve));
    let left: () => void = () => undefined;
    const clientLeft = new Promise<void>((resolve) => (left = resolve));
    const decide = hang();
    server.setHook(async (req) => {
      const verdict = decide(req);
      if (verdict === false) return;
      if (verdict !== true) return verdict;
      hung();
      await untilClientLeaves(req.signal);
      left();
    });

    const running = startAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { track, paths: 'cfg/**' },
      timeoutMs: 60_000,
    });
    await within(hanging, 30_000, `the hang of ${phase}`);
    const signalledAt = Date.now();
    process.kill(running.pid, signal);
    const r = await running.done;
    stoppedAfter[signal] = Math.round((Date.now() - signalledAt) / 100) / 10;

    expect(r.timedOut).toBe(false);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([expect.stringContaining(`Cancelled (${signal})`)]);
    expect(errors[0]).not.toMatch(/\n\s+at /);
    // It wound down by itself, not through the last-resort exit.
    expect(errors[0]).not.toContain('did not wind down');
    // The request was dropped, or the git holding it was killed (it runs in a process group of
    // its own, which the harness's cleanup of the action's group would not reach).
    await within(clientLeft, 20_000, 'the client leaving the server');
    server.setHook(undefined);
    await server.idle();
    expect(await server.refs(REPO)).toEqual(before);
    const fsck = await server.fsck(REPO);
    expect(fsck.ok, fsck.output).toBe(true);
    expect(await cloneLitter(ws)).toEqual([]);
  });
});
