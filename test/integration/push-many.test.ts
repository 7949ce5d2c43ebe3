/**
 * Without a token (the CLI on a developer's clone, folder and SSH remotes), a push of thousands
 * of ref updates is still one receive-pack conversation carrying every command, checks
 * included, and no git is started with a command line that grows with the number of refs.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cleanupTempDirs, git, tempDir } from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import type { RefUpdate } from '../../src/git/git.js';

const VERSIONS = 3_000;
const ALIAS = 'refs/versions/t/aliases/live';
const NOTES = 'refs/notes/versions';

afterAll(async () => {
  await cleanupTempDirs();
});

it(`deletes ${VERSIONS} versions of a folder remote in one request, alias check and notes included`, async () => {
  const server = tempDir('many-server');
  await git(server, ['init', '-q', '--bare']);
  const dir = tempDir('many-clone');
  await git(dir, ['init', '-q']);
  await git(dir, ['commit', '-q', '--allow-empty', '-m', 'a']);
  const a = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  await git(dir, ['commit', '-q', '--allow-empty', '-m', 'b']);
  const b = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const versions = Array.from({ length: VERSIONS }, (_, i) => `refs/versions/t/${i + 1}`);
  await git(dir, ['update-ref', '--stdin'], {
    input: [...versions, ALIAS, NOTES].map((r) => `create ${r} ${a}\n`).join(''),
  });
  await git(dir, ['push', '-q', server, 'refs/versions/*:refs/versions/*', `${NOTES}:${NOTES}`]);
  // The server counts the pushes it takes and keeps the commands of each.
  const log = join(server, 'pushes.log');
  await writeFile(
    join(server, 'hooks', 'pre-receive'),
    `#!/bin/sh\n{ echo push; cat; } >> '${log}'\n`,
  );
  await chmod(join(server, 'hooks', 'pre-receive'), 0o755);

  const started: (readonly string[])[] = [];
  const ng = await NativeGit.open(dir, { url: server }, { observe: (args) => started.push(args) });
  const updates: RefUpdate[] = [
    ...versions.map((ref) => ({ ref, expected: a, next: null })),
    { ref: ALIAS, expected: a, next: a },
    { ref: NOTES, expected: a, next: b },
  ];
  expect(await ng.push(updates, [a])).toEqual({ ok: true });

  const pushes = (await readFile(log, 'utf8')).split('push\n').filter(Boolean);
  expect(pushes).toHaveLength(1);
  const commands = pushes[0]!.trim().split('\n');
  expect(commands).toHaveLength(VERSIONS + 2);
  // The check travels to the server, which compares it inside the atomic update.
  expect(commands).toContain(`${a} ${a} ${ALIAS}`);
  const refs = await git(server, ['for-each-ref', '--format=%(refname) %(objectname)']);
  expect(refs.trim().split('\n').sort()).toEqual([`${NOTES} ${b}`, `${ALIAS} ${a}`]);
  // No git was started with a refspec or a lease per ref.
  const longest = Math.max(...started.map((args) => args.join(' ').length));
  expect(longest).toBeLessThan(1_000);
});
