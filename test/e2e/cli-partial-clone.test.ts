/**
 * The command line in a clone made with `--filter=blob:none` (common for big repositories),
 * where git fetches any object it lacks the moment it is asked about one, one request each and
 * with no depth. Every fetch must be snapback's own: bounded, and one request for what a step
 * needs. Seen in git's trace: a fetch that git started by itself is the child of another git.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  git,
  objectsHere,
  runCli,
  seedVersionChain,
  startGitServer,
  tempDir,
  type GitServer,
  type VersionChain,
} from '../harness/index.js';

const TOKEN = 'cli-partial-token';
const REPO = 'acme/cli-partial';

let server: GitServer;
let chain: VersionChain;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  chain = await seedVersionChain(server, REPO, 6);
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** A developer's partial clone of main: credentials in the remote URL, blobs on demand. */
async function partialClone(): Promise<string> {
  const dir = await checkout(server, REPO, { token: TOKEN });
  const url = new URL(server.repoUrl(REPO));
  url.username = 'x-access-token';
  url.password = TOKEN;
  await git(dir, ['remote', 'set-url', 'origin', url.href]);
  await git(dir, ['config', '--local', '--remove-section', `http.${server.url}/`]);
  await git(dir, ['config', 'remote.origin.promisor', 'true']);
  await git(dir, ['config', 'remote.origin.partialclonefilter', 'blob:none']);
  return dir;
}

/** The git commands that started a fetch of their own (git's on-demand fetches). */
async function fetchesStartedByGit(trace: string): Promise<string[]> {
  const started = (await readFile(trace, 'utf8'))
    .split('\n')
    .filter((l) => l.includes('"event":"start"'))
    .map((l) => JSON.parse(l) as { sid: string; argv: string[] });
  const bySid = new Map(started.map((e) => [e.sid, e.argv]));
  const isFetch = (argv: string[]) =>
    argv.slice(1).find((a, i, all) => all[i - 1] !== '-c' && !a.startsWith('-')) === 'fetch';
  return started
    .filter((e) => e.sid.includes('/') && isFetch(e.argv))
    .map((e) => (bySid.get(e.sid.slice(0, e.sid.lastIndexOf('/'))) ?? ['?']).slice(1, 3).join(' '));
}

describe('the command line in a partial clone', () => {
  it.each([
    ['show', ['show', '3', '--track', 't']],
    ['diff', ['diff', '2', '4', '--track', 't']],
    ['export', ['export', '2', '--track', 't', '--to', 'OUT']],
    ['verify', ['verify', '--track', 't']],
    ['promote', ['promote', '3', '--track', 't', '--alias', 'old']],
  ])('%s leaves no object to git to fetch on its own', async (_, args) => {
    const dir = await partialClone();
    const trace = join(tempDir('trace'), 'trace.json');
    const out = join(tempDir('export'), 'files');
    const r = await runCli(
      dir,
      args.map((a) => (a === 'OUT' ? out : a)),
      { GIT_TRACE2_EVENT: trace },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(await fetchesStartedByGit(trace)).toEqual([]);
    // Nothing behind the versions came along: the oldest source commits stayed on the server.
    const here = await objectsHere(dir);
    expect(chain.sources.slice(0, 2).filter((s) => here.has(s))).toEqual([]);
  });
});
