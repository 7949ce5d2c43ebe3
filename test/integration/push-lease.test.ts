/**
 * The paths without a token (the CLI: our receive-pack request over a pipe for folder and SSH
 * remotes and over HTTP, `git push` where git's HTTP settings ask for it or push-mode is `git`)
 * are compare-and-swap on every ref they name. Another writer
 * moves the ref between our look and our push, at the two moments that matter:
 *   - before the push starts (it must refuse on its own: the lease, or the old value), and
 *   - after the server's refs were read but before the server applies our commands (the
 *     server must refuse: the old value travels in the command).
 * The other writer's value is always a commit our new value descends from, so a push without
 * a lease would be a plain fast-forward and succeed: only the lease can refuse it.
 */
import { existsSync } from 'node:fs';
import { writeFile, chmod, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  tempDir,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import type { PushOutcome, RefUpdate } from '../../src/git/git.js';

let server: GitServer;
let repoCount = 0;

beforeAll(async () => {
  // No token and an anonymous server: our own request, without credentials, for HTTP remotes too.
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** `http git push`: an HTTP remote with push-mode `git`, as for git's own HTTP settings. */
type Transport = 'folder' | 'http' | 'http git push';
type Moment = 'before the push' | 'during the push';

interface Setup {
  repo: string;
  ng: NativeGit;
  /** A chain of commits: a, then b on a, then c on b (so c fast-forwards both). */
  a: string;
  b: string;
  c: string;
}

const ALIAS = 'refs/versions/t/aliases/live';
const VERSION1 = 'refs/versions/t/1';
const VERSION2 = 'refs/versions/t/2';
const NOTES = 'refs/notes/versions';

/**
 * A server repository whose version 1, alias and notes ref hold `a`, and a full clone that
 * has a, b and c. The server has every object, so a push sends no pack worth speaking of.
 */
async function setup(transport: Transport): Promise<Setup> {
  const repo = `acme/lease-${++repoCount}`;
  const { path } = await createRemoteRepo(server, repo, { 'f.txt': 'x' });
  const dir = tempDir('lease-clone');
  await git(dir, ['clone', '-q', path, '.']);
  const commit = async (parent: string, msg: string) =>
    (await git(dir, ['commit-tree', 'HEAD^{tree}', '-p', parent, '-m', msg])).trim();
  const a = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const b = await commit(a, 'b');
  const c = await commit(b, 'c');
  await git(dir, [
    'push',
    '-q',
    path,
    `${a}:${VERSION1}`,
    `${a}:${ALIAS}`,
    `${a}:${NOTES}`,
    `${b}:refs/keep/b`,
    `${c}:refs/keep/c`,
  ]);
  if (transport === 'folder')
    return { repo, ng: await NativeGit.open(dir, { url: path }), a, b, c };
  const pushMode = transport === 'http' ? 'auto' : 'git';
  return { repo, ng: await NativeGit.open(dir, { url: server.repoUrl(repo), pushMode }), a, b, c };
}

/** Moves `ref` on the server to `oid` (null: deletes it), as another writer would. */
async function otherWriter(repo: string, ref: string, oid: string | null): Promise<void> {
  await server.git(repo, oid ? ['update-ref', ref, oid] : ['update-ref', '-d', ref]);
}

/**
 * Arranges for another writer to move `other.ref` to `other.oid` at `moment` of the next push,
 * then pushes. During the push: for HTTP, the harness holds receive-pack's POST (git has read
 * the refs by then); for a folder, a one-shot pre-receive hook in the bare repository runs
 * after git has sent its commands.
 */
async function pushWithInterference(
  s: Setup,
  transport: Transport,
  moment: Moment,
  updates: RefUpdate[],
  other: { ref: string; oid: string },
): Promise<{ outcome: PushOutcome; struck: boolean }> {
  if (moment === 'before the push') {
    await otherWriter(s.repo, other.ref, other.oid);
    return { outcome: await s.ng.push(updates), struck: true };
  }
  if (transport !== 'folder') {
    let struck = false;
    server.setHook(async (req) => {
      if (!struck && req.repo === s.repo && req.service === 'receive-pack') {
        struck = true;
        await otherWriter(s.repo, other.ref, other.oid);
      }
    });
    try {
      const outcome = await s.ng.push(updates);
      return { outcome, struck };
    } finally {
      server.setHook(undefined);
    }
  }
  const hook = join(server.repoPath(s.repo), 'hooks', 'pre-receive');
  const marker = join(server.repoPath(s.repo), 'struck');
  // git refuses ref updates from inside receive-pack's object quarantine; the other writer is
  // outside it.
  await writeFile(
    hook,
    [
      '#!/bin/sh',
      'cat >/dev/null',
      `if [ ! -e '${marker}' ]; then`,
      `  touch '${marker}'`,
      `  env -u GIT_QUARANTINE_PATH git update-ref '${other.ref}' '${other.oid}'`,
      'fi',
      '',
    ].join('\n'),
  );
  await chmod(hook, 0o755);
  try {
    const outcome = await s.ng.push(updates);
    return { outcome, struck: existsSync(marker) };
  } finally {
    await rm(hook, { force: true });
  }
}

interface Case {
  name: string;
  /** The updates we push, built from the setup's commits. */
  updates: (s: Setup) => RefUpdate[];
  /** Which ref the other writer moves, and to what. */
  other: (s: Setup) => { ref: string; oid: string };
  /** The moved ref is only checked (next = expected), not moved by us. */
  checks?: true;
}

const CASES: Case[] = [
  {
    name: 'a new version ref (must not exist) that another writer created',
    updates: (s) => [{ ref: VERSION2, expected: null, next: s.c }],
    other: (s) => ({ ref: VERSION2, oid: s.b }),
  },
  {
    name: 'an alias moved by another writer',
    updates: (s) => [{ ref: ALIAS, expected: s.a, next: s.c }],
    other: (s) => ({ ref: ALIAS, oid: s.b }),
  },
  {
    name: 'the notes ref moved by another writer',
    updates: (s) => [{ ref: NOTES, expected: s.a, next: s.c }],
    other: (s) => ({ ref: NOTES, oid: s.b }),
  },
  {
    name: 'a version we delete (prune) that another writer moved',
    updates: (s) => [{ ref: VERSION1, expected: s.a, next: null }],
    other: (s) => ({ ref: VERSION1, oid: s.b }),
  },
  {
    name: 'a version ref and the notes together, when only the notes moved (all or nothing)',
    updates: (s) => [
      { ref: VERSION2, expected: null, next: s.c },
      { ref: NOTES, expected: s.a, next: s.c },
    ],
    other: (s) => ({ ref: NOTES, oid: s.b }),
  },
  {
    name: 'a prune with an alias check, when the alias moved onto the pruned version',
    updates: (s) => [
      { ref: VERSION1, expected: s.a, next: null },
      { ref: ALIAS, expected: s.a, next: s.a },
      { ref: NOTES, expected: s.a, next: s.c },
    ],
    other: (s) => ({ ref: ALIAS, oid: s.b }),
    checks: true,
  },
];

describe('pushes without a token: every ref is compare-and-swap', () => {
  for (const transport of ['folder', 'http', 'http git push'] as const) {
    for (const moment of ['before the push', 'during the push'] as const) {
      for (const c of CASES) {
        // Known gap of `git push` (only where git's HTTP settings or push-mode `git` ask for
        // it): git sends no command for a ref it would leave as it is, so a check (next =
        // expected) is only compared with what git read before sending.
        const gap = transport === 'http git push' && moment === 'during the push' && c.checks;
        (gap ? it.fails : it)(`${transport}, moved ${moment}: ${c.name}`, async () => {
          const s = await setup(transport);
          const before = await server.refs(s.repo);
          const other = c.other(s);
          const updates = c.updates(s);
          const { outcome, struck } = await pushWithInterference(
            s,
            transport,
            moment,
            updates,
            other,
          );
          expect(struck, 'the other writer must have moved the ref').toBe(true);
          expect(outcome.ok).toBe(false);
          const after = await server.refs(s.repo);
          // The other writer's value survives; nothing else of ours landed (atomic).
          expect(after.get(other.ref)).toBe(other.oid);
          for (const u of updates) {
            if (u.ref !== other.ref) expect(after.get(u.ref), u.ref).toBe(before.get(u.ref));
          }
        });
      }
    }
  }

  it.each(['folder', 'http', 'http git push'] as const)(
    '%s: with nobody interfering, the same updates land (the refusals above are the leases)',
    async (transport) => {
      for (const c of CASES) {
        const s = await setup(transport);
        const updates = c.updates(s);
        expect(await s.ng.push(updates), c.name).toEqual({ ok: true });
        const after = await server.refs(s.repo);
        for (const u of updates) expect(after.get(u.ref) ?? null, c.name).toBe(u.next);
      }
    },
  );

  it('a move leased on a ref another writer deleted is refused too', async () => {
    const s = await setup('folder');
    await otherWriter(s.repo, ALIAS, null);
    const outcome = await s.ng.push([
      { ref: ALIAS, expected: s.a, next: s.c },
      { ref: NOTES, expected: s.a, next: s.c },
    ]);
    expect(outcome.ok).toBe(false);
    const after = await server.refs(s.repo);
    expect(after.has(ALIAS)).toBe(false);
    expect(after.get(NOTES)).toBe(s.a);
  });
});
