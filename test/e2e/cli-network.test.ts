/** The CLI on a clone whose server stops answering: it gives up, and Ctrl-C stops it cleanly. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { cloneLitter, untilClientLeaves } from '../harness/hang.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer();
});
afterEach(() => server.setHook(undefined));
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** Starts the CLI; `done` has its exit code and output. Killed after 60 s whatever happens. */
function start(cwd: string, args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: gitEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const done = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}

async function clone(repo: string): Promise<string> {
  await createRemoteRepo(server, repo, { 'conf/a.toml': 'a = 1\n' });
  const dir = tempDir('cli-net');
  await git(dir, ['clone', '-q', server.repoUrl(repo), '.']);
  await writeTree(dir, { 'conf/a.toml': 'a = 2\n' });
  return dir;
}

describe('snapback CLI and the network', () => {
  it('gives up on a server that never answers, naming it and the step', async () => {
    const dir = await clone('acme/cli-hang');
    server.setHook(async (req) => {
      if (req.service === 'upload-pack') await untilClientLeaves(req.signal);
    });
    const r = await start(dir, [
      'record',
      '--track',
      'conf',
      '--paths',
      'conf/**',
      '--network-timeout',
      '1',
    ]).done;
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `No answer from ${new URL(server.url).host} while listing the registry's refs`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the option when --network-timeout is not a number of seconds', async () => {
    const dir = await clone('acme/cli-bad-timeout');
    const r = await start(dir, ['record', '--paths', 'conf/**', '--network-timeout', 'soon']).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Option '--network-timeout': 'soon' is not a number of seconds");
  });

  it('Ctrl-C during a hanging push stops it, kills its git and leaves the clone clean', async () => {
    const repo = 'acme/cli-cancel';
    const dir = await clone(repo);
    const before = await server.refs(repo);
    let hung: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (hung = resolve));
    let left: () => void = () => undefined;
    const clientLeft = new Promise<void>((resolve) => (left = resolve));
    // Without a token the CLI pushes with its own receive-pack request, which hangs here.
    server.setHook(async (req) => {
      if (req.gitService !== 'git-receive-pack') return;
      hung();
      await untilClientLeaves(req.signal);
      left();
    });
    const run = start(dir, ['record', '--track', 'conf', '--paths', 'conf/**']);
    await hanging;
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Cancelled (SIGINT)');
    expect(r.stderr).not.toContain('did not wind down');
    await clientLeft;
    server.setHook(undefined);
    await server.idle();
    expect(await server.refs(repo)).toEqual(before);
    expect(await cloneLitter(dir)).toEqual([]);
  });
});
