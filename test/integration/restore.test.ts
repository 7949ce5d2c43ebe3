/**
 * `restore` on a full clone against the git server: a version's files put back exactly (adds,
 * changes, deletions, modes, links), nothing outside the track touched; the dry run lists the
 * same and writes nothing; unsaved work is refused without force; hostile versions and a work
 * tree whose folders are links are refused before anything is written.
 */
import { lstatSync, readFileSync, readlinkSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeGit } from '../../src/git/native-git.js';
import { restore, type RestoreOptions } from '../../src/commands/restore.js';
import { SnapbackError } from '../../src/errors.js';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
  type Tree,
} from '../harness/index.js';
import { HOSTILE_CASES, hostileVersion } from '../harness/hostile-versions.js';

let server: GitServer;
const REPO = 'acme/restore';
const PATTERNS = { include: ['conf/**'], exclude: [] };

/** Version `n` of track conf holding exactly `tree`, pushed from a scratch repository. */
async function pushVersion(repo: string, n: number, tree: Tree): Promise<void> {
  const dir = tempDir('restore-version');
  await git(dir, ['init', '-q']);
  await writeTree(dir, tree);
  await git(dir, ['add', '-A']);
  await git(dir, [
    'commit',
    '-qm',
    `snapback: conf v${n}\n\ntrack: conf\nversion: ${n}\nsource-commit: ${'0'.repeat(40)}\nlabel: 1.${n}.0\n`,
  ]);
  await git(dir, ['push', '-q', server.repoPath(repo), `HEAD:refs/versions/conf/${n}`]);
}

const V1: Tree = {
  'conf/a.json': '{"a":1}',
  'conf/run.sh': { content: '#!/bin/sh\necho 1\n', mode: 'exec' },
  'conf/link': { symlink: 'a.json' },
  'conf/old/only-in-v1.txt': 'old',
};
const NOW: Tree = {
  'conf/a.json': '{"a":2}',
  'conf/run.sh': '#!/bin/sh\necho 2\n',
  'conf/new/added-later.txt': 'new',
  'src/app.py': 'print(1)\n',
};

async function clone(repo: string): Promise<{ dir: string; ng: NativeGit }> {
  const dir = tempDir('restore-clone');
  await git(dir, ['clone', '-q', server.repoUrl(repo), '.']);
  return { dir, ng: await NativeGit.open(dir, { url: server.repoUrl(repo) }) };
}

const opts = (o: Partial<RestoreOptions>): RestoreOptions => ({
  track: 'conf',
  patterns: PATTERNS,
  includeWorkflows: false,
  version: '1',
  dryRun: false,
  force: false,
  ...o,
});
const log = () => undefined;

/** Every file under dir (not .git) with its content or link target, for before/after checks. */
async function snapshot(dir: string): Promise<string> {
  return git(dir, ['status', '--porcelain=v1', '--untracked-files=all', '--ignored']).then(
    async (s) => s + (await git(dir, ['diff'])),
  );
}

beforeAll(async () => {
  server = await startGitServer();
  await createRemoteRepo(server, REPO, NOW);
  await pushVersion(REPO, 1, V1);
  await pushVersion(REPO, 2, {
    'conf/a.json': '{"a":2}',
    'conf/run.sh': '#!/bin/sh\necho 2\n',
    'conf/new/added-later.txt': 'new',
    'conf/generated.bin': 'made by the build, never committed',
  });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

describe('restore', () => {
  it('puts a version back exactly; the dry run lists the same changes and writes nothing', async () => {
    const { dir, ng } = await clone(REPO);
    const before = await snapshot(dir);
    const dry = await restore({ git: ng, log }, opts({ dryRun: true }));
    expect(dry.target).toMatchObject({ version: 1, label: '1.1.0' });
    const expected = [
      { path: 'conf/a.json', action: 'modify' },
      { path: 'conf/link', action: 'add' },
      { path: 'conf/new/added-later.txt', action: 'delete' },
      { path: 'conf/old/only-in-v1.txt', action: 'add' },
      { path: 'conf/run.sh', action: 'modify' },
    ];
    expect(dry.changes).toEqual(expected);
    expect(dry.unsaved).toEqual([]);
    expect(await snapshot(dir)).toBe(before);

    const done = await restore({ git: ng, log }, opts({}));
    expect(done.changes).toEqual(expected);
    expect(readFileSync(`${dir}/conf/a.json`, 'utf8')).toBe('{"a":1}');
    expect(lstatSync(`${dir}/conf/run.sh`).mode & 0o777).toBe(0o755);
    expect(readlinkSync(`${dir}/conf/link`)).toBe('a.json');
    expect(readFileSync(`${dir}/conf/old/only-in-v1.txt`, 'utf8')).toBe('old');
    expect(existsSync(`${dir}/conf/new`)).toBe(false); // emptied folder removed too
    expect(readFileSync(`${dir}/src/app.py`, 'utf8')).toBe('print(1)\n');
    // The work tree's track now hashes to the version's tree, byte for byte.
    const tree = await ng.writeTree([
      'conf/a.json',
      'conf/run.sh',
      'conf/link',
      'conf/old/only-in-v1.txt',
    ]);
    expect(tree).toBe((await git(dir, ['rev-parse', 'refs/versions/conf/1^{tree}'])).trim());
    expect(await git(dir, ['ls-files', '--others', '--exclude-standard'])).not.toMatch(
      /snapback-restore/,
    );
    // Again: nothing left to change.
    expect((await restore({ git: ng, log }, opts({}))).changes).toEqual([]);
    // v1's files are saved (in v1): going back to the latest needs no force.
    const back = await restore({ git: ng, log }, opts({ version: 'latest' }));
    expect(back.unsaved).toEqual([]);
    expect(readFileSync(`${dir}/conf/a.json`, 'utf8')).toBe('{"a":2}');
  });

  it('refuses to overwrite or delete unsaved work without force, naming the paths', async () => {
    const { dir, ng } = await clone(REPO);
    // Saved: committed (src untouched), or equal to the latest version (a generated file).
    await writeTree(dir, { 'conf/generated.bin': 'made by the build, never committed' });
    expect((await restore({ git: ng, log }, opts({}))).changes).toContainEqual({
      path: 'conf/generated.bin',
      action: 'delete',
    });

    const { dir: dir2, ng: ng2 } = await clone(REPO);
    await writeTree(dir2, { 'conf/a.json': '{"a":"edited"}', 'conf/scratch.txt': 'mine' });
    const before = await snapshot(dir2);
    const error = await restore({ git: ng2, log }, opts({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapbackError);
    expect((error as SnapbackError).code).toBe('unsaved-changes');
    expect((error as Error).message).toMatch(
      /would overwrite or delete changes saved nowhere .*: conf\/a\.json, conf\/scratch\.txt\. Nothing was written\./,
    );
    expect((error as SnapbackError).hint).toMatch(/--force/);
    expect(await snapshot(dir2)).toBe(before);
    // The dry run still shows what would happen, and which paths are unsaved.
    const dry = await restore({ git: ng2, log }, opts({ dryRun: true }));
    expect(dry.unsaved).toEqual(['conf/a.json', 'conf/scratch.txt']);

    const forced = await restore({ git: ng2, log }, opts({ force: true }));
    expect(forced.unsaved).toEqual(['conf/a.json', 'conf/scratch.txt']);
    expect(readFileSync(`${dir2}/conf/a.json`, 'utf8')).toBe('{"a":1}');
    expect(existsSync(`${dir2}/conf/scratch.txt`)).toBe(false);
  });

  it('refuses a work tree whose folder is a link to elsewhere, writing nothing', async () => {
    const { dir, ng } = await clone(REPO);
    const outside = tempDir('restore-outside');
    await writeTree(dir, { 'conf/old': { symlink: outside } });
    const before = await snapshot(dir);
    const error = await restore({ git: ng, log }, opts({ force: true })).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /Version 1 of 'conf' the work tree is in the way; nothing was written\. conf\/old\/only-in-v1\.txt: the path goes through the symbolic link `conf\/old` in the work tree/,
    );
    expect(await snapshot(dir)).toBe(before);
    expect(existsSync(`${outside}/only-in-v1.txt`)).toBe(false);
  });

  it('streams a file larger than a read batch to disk, byte for byte', async () => {
    const repo = 'acme/restore-big';
    await createRemoteRepo(server, repo, { 'conf/a.json': '{}' });
    // 17 MiB of varied bytes: past the 16 MiB batch, so it streams from git to disk.
    const big = Buffer.alloc(17 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
    await pushVersion(repo, 1, {
      'conf/a.json': '{}',
      'conf/model.bin': { content: big, mode: 'exec' },
    });
    const { dir, ng } = await clone(repo);
    const r = await restore({ git: ng, log }, opts({}));
    expect(r.changes).toEqual([{ path: 'conf/model.bin', action: 'add' }]);
    expect(readFileSync(`${dir}/conf/model.bin`).equals(big)).toBe(true);
    expect(lstatSync(`${dir}/conf/model.bin`).mode & 0o777).toBe(0o755);
  });

  it('names a bad selector and an unknown version, changing nothing', async () => {
    const { dir, ng } = await clone(REPO);
    const before = await snapshot(dir);
    await expect(restore({ git: ng, log }, opts({ version: '' }))).rejects.toThrow(
      /Input 'version': is required/,
    );
    await expect(restore({ git: ng, log }, opts({ version: '9' }))).rejects.toThrow(
      /Input 'version': version 9 does not exist\./,
    );
    await expect(restore({ git: ng, log }, opts({ version: 'worktree' }))).rejects.toThrow(
      /Input 'version': 'worktree' is not a version to restore/,
    );
    await expect(restore({ git: ng, log }, opts({ track: 'nothing' }))).rejects.toThrow(
      /Input 'track': 'nothing' has no versions to restore/,
    );
    expect(await snapshot(dir)).toBe(before);
  });
});

describe('restore refuses hostile versions', () => {
  const HOSTILE = 'acme/restore-hostile';
  let dir: string;
  let ng: NativeGit;
  beforeAll(async () => {
    const { commit: base } = await createRemoteRepo(server, HOSTILE, {
      'conf/ok.json': '{}',
      'src/app.py': 'print(1)\n',
    });
    const bare = server.repoPath(HOSTILE);
    for (const [i, [, tree]] of HOSTILE_CASES.entries()) {
      await hostileVersion(bare, base, i + 1, tree);
    }
    ({ dir, ng } = await clone(HOSTILE));
  });

  it.each(HOSTILE_CASES.map(([name, , message], i) => [name, i + 1, message] as const))(
    '%s (v%i): refused, naming the path; nothing written, even with force',
    async (_name, version, message) => {
      const before = await snapshot(dir);
      for (const dryRun of [true, false]) {
        const error = await restore(
          { git: ng, log },
          opts({ version: String(version), force: true, dryRun }),
        ).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SnapbackError);
        expect((error as SnapbackError).code).toBe('unsafe-snapshot');
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toContain('nothing was written');
      }
      expect(await snapshot(dir)).toBe(before);
      expect(existsSync(`${dir}/evil.sh`) || existsSync(`${dir}/../evil.sh`)).toBe(false);
    },
  );
});
