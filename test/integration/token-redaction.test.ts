/**
 * The token never leaves in an error: the git adapter against a hostile server that answers
 * every request with a refusal or a failure whose body echoes the credentials it was sent (the
 * Authorization header, the decoded `x-access-token:<token>`, the raw token, a URL carrying
 * it). Each of the adapter's network paths is tried: our ls-refs request, git's fetch
 * and ls-remote, our own receive-pack POST and the `git push` it falls back to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeGit } from '../../src/git/native-git.js';
import { formatError } from '../../src/errors.js';
import { classifyFailure } from '../../src/git/run-git.js';
import { cleanupTempDirs, echoes, findSecrets, git, tempDir, writeTree } from '../harness/index.js';

const TOKEN = 'ghs_h0st1leServerEch0esTh1sT0ken4242';
let answer: { status: number; body: string; contentType: string };
let server: Server;
let url: string;
let dir: string;
let commit: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // The echo is built from what the client really sent, plus the forms it might have sent.
      const sent = `${req.headers.authorization ?? '(no authorization)'}\n${req.url}`;
      const body = `${answer.body}\n${sent}\n`;
      res.writeHead(answer.status, {
        'Content-Type': answer.contentType,
        'WWW-Authenticate': 'Basic realm="git"',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme/repo.git`;
  dir = tempDir('token-redaction');
  await git(dir, ['init', '-q', '-b', 'main']);
  await writeTree(dir, { 'a.txt': 'a' });
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'base']);
  commit = (await git(dir, ['rev-parse', 'HEAD'])).trim();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await cleanupTempDirs();
});

/** The error an operation fails with, as a user would see it and as code could inspect it. */
async function failureOf(op: (g: NativeGit) => Promise<unknown>): Promise<Record<string, string>> {
  const g = await NativeGit.open(dir, { url, token: TOKEN });
  let error: unknown;
  try {
    await op(g);
  } catch (e) {
    error = e;
  }
  expect(error, 'the operation should have failed').toBeInstanceOf(Error);
  const e = error as Error & Record<string, unknown>;
  const own: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(e)) own[key] = e[key];
  return {
    shown: formatError(e),
    message: e.message,
    data: JSON.stringify(own, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    string: String(e),
  };
}

const OPERATIONS: [string, (g: NativeGit) => Promise<unknown>][] = [
  ['list refs (ls-refs request)', (g) => g.listRemoteRefs(['refs/versions/'])],
  ['fetch (git)', (g) => g.fetchRefs([{ remote: 'refs/heads/main', local: 'refs/x/main' }])],
  ['default branch (git ls-remote)', (g) => g.defaultBranch()],
  [
    'push (receive-pack POST, then git push)',
    (g) => g.push([{ ref: 'refs/versions/t/1', expected: null, next: commit }]),
  ],
];

describe('no form of the token in any error of the git adapter', () => {
  for (const [status, contentType] of [
    [401, 'text/plain'],
    [403, 'text/plain'],
    [404, 'text/plain'],
    [400, 'text/plain'],
    [500, 'text/plain'],
    [200, 'application/x-git-upload-pack-advertisement'],
  ] as const) {
    for (const [name, op] of OPERATIONS) {
      it(`${name}: HTTP ${status} echoing the credentials`, async () => {
        answer = { status, contentType, body: echoes(TOKEN) };
        const seen = await failureOf(op);
        expect(findSecrets(seen, [TOKEN])).toEqual([]);
      });
    }
  }

  it("git's stderr relayed in an error is cleaned of every form", async () => {
    await NativeGit.open(dir, { url, token: TOKEN }); // as every run does before running git
    const stderr = [
      'remote: ' + echoes(TOKEN).split('\n').join('\nremote: '),
      `fatal: unable to access 'https://x-access-token:${TOKEN}@example.invalid/': The requested URL returned error: 500`,
    ].join('\n');
    for (const code of [128, 1]) {
      const e = classifyFailure(['fetch', url], { code, stdout: Buffer.alloc(0), stderr });
      expect(findSecrets({ message: e.message, shown: formatError(e) }, [TOKEN])).toEqual([]);
    }
  });
});
