/**
 * Adopting history and copying versions out, on a real server: 20 tags become 20 versions in
 * tag order (then list and diff read them), a dry run and a repeated import change nothing;
 * export writes a version as a folder or tarball that matches `git archive`, and refuses a
 * hostile version without writing a byte.
 */
import { lstat, mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  pushCommit,
  startGitServer,
  tempDir,
  type GitServer,
} from '../harness/index.js';
import { HOSTILE_CASES, hostileVersion } from '../harness/hostile-versions.js';
import { NativeGit } from '../../src/git/native-git.js';
import { importTags } from '../../src/commands/import.js';
import { exportVersion } from '../../src/commands/export.js';
import { list } from '../../src/commands/list.js';
import { diff } from '../../src/commands/diff.js';
import { parsePatterns } from '../../src/core/globs.js';

const run = promisify(execFile);
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const log = () => undefined;
const track = (include: string[]) => ({
  name: 'conf',
  patterns: parsePatterns(include),
  maxFileSize: 1e9,
  source: 'paths',
});

async function clone(repo: string, kind: 'http' | 'folder' = 'http') {
  const url = kind === 'http' ? server.repoUrl(repo) : server.repoPath(repo);
  const dir = tempDir('clone');
  await git(dir, ['clone', '-q', url, '.']);
  return { dir, ng: await NativeGit.open(dir, { url }) };
}

/** 20 releases v1.0.0 … v1.0.19 (pushed in shuffled order) plus tags the pattern leaves out. */
async function tagged(repo: string) {
  await createRemoteRepo(server, repo, { 'conf/app.yml': 'n: 0\n', 'src/x.ts': '0' });
  const order = Array.from({ length: 20 }, (_, i) => (i * 7) % 20);
  for (const i of order) {
    await pushCommit(
      server,
      repo,
      { 'conf/app.yml': `n: ${i}\nname: r${i}\n`, 'src/x.ts': String(i) },
      { tags: [`v1.0.${i}`] },
    );
  }
  await pushCommit(server, repo, { 'conf/app.yml': 'n: 99\n' }, { tags: ['nightly-1'] });
}

describe('import', () => {
  it.each(['http', 'folder'] as const)(
    'adopts 20 tags of a %s remote in tag order, then list and diff read them',
    async (kind) => {
      const repo = `acme/import-${kind}`;
      await tagged(repo);
      const { ng } = await clone(repo, kind);
      const opts = { track: track(['conf/**']), tags: 'v*', actor: 'Dana <dana@example.com>' };

      const dry = await importTags({ git: ng, log }, { ...opts, dryRun: true });
      expect(dry.tags.map((t) => [t.tag, t.status, t.version])).toEqual(
        Array.from({ length: 20 }, (_, i) => [`v1.0.${i}`, 'would-import', i + 1]),
      );
      expect((await server.refs(repo, 'refs/versions/')).size).toBe(0);
      expect((await server.refs(repo, 'refs/notes/')).size).toBe(0);

      const done = await importTags({ git: ng, log }, { ...opts, dryRun: false });
      expect(done.imported).toBe(20);
      expect((await server.refs(repo, 'refs/versions/conf/')).size).toBe(20);

      const listed = await list({ git: (await clone(repo, kind)).ng }, { tracks: ['conf'] });
      const versions = listed.tracks[0]!.versions;
      expect(versions.map((v) => [v.version, v.label])).toEqual(
        Array.from({ length: 20 }, (_, i) => [20 - i, `v1.0.${19 - i}`]),
      );
      expect(versions[0]).toMatchObject({
        actor: 'Dana <dana@example.com>',
        reason: 'imported from tag v1.0.19',
        files: 1,
        changes: { added: 0, modified: 1, deleted: 0 },
        source: 'notes',
      });
      // The version holds the track's files at the tag, and its source commit is the tag's.
      const tagCommit = (await server.git(repo, ['rev-parse', 'v1.0.11^{commit}'])).trim();
      expect(versions[8]).toMatchObject({ version: 12, sourceCommit: tagCommit });
      expect(
        await server.git(repo, ['ls-tree', '-r', '--name-only', 'refs/versions/conf/12']),
      ).toBe('conf/app.yml\n');

      const d = await diff(
        { git: (await clone(repo, kind)).ng, log },
        {
          tracks: [{ name: 'conf', patterns: undefined, source: 'track' }],
          from: '3',
          to: '1.0.9',
          pullRequest: false,
        },
      );
      expect(d.tracks[0]!.from.version).toBe(3);
      expect(d.tracks[0]!.to.version).toBe(10);
      expect(d.tracks[0]!.files.map((f) => [f.status, f.path])).toEqual([['M', 'conf/app.yml']]);
      expect(JSON.stringify(d.tracks[0]!.files[0]!.content)).toMatch(/"name"/);

      // Again: every tag is already a version; nothing moves.
      const notes = await server.refs(repo, 'refs/notes/');
      const again = await importTags({ git: ng, log }, { ...opts, dryRun: false });
      expect(again.imported).toBe(0);
      expect(new Set(again.tags.map((t) => t.status))).toEqual(new Set(['already']));
      expect(await server.refs(repo, 'refs/notes/')).toEqual(notes);
      expect((await server.fsck(repo)).ok).toBe(true);
    },
  );

  it('skips tags whose files equal the version before, and names the option when no tag matches', async () => {
    const repo = 'acme/import-unchanged';
    await createRemoteRepo(server, repo, { 'conf/a.yml': 'a: 1\n' });
    await pushCommit(server, repo, { 'conf/a.yml': 'a: 1\n', 'x.txt': '1' }, { tags: ['r1'] });
    await pushCommit(server, repo, { 'conf/a.yml': 'a: 1\n', 'x.txt': '2' }, { tags: ['r2'] });
    await pushCommit(server, repo, { 'conf/a.yml': 'a: 2\n' }, { tags: ['r10'] });
    const { ng } = await clone(repo);
    const r = await importTags(
      { git: ng, log },
      { track: track(['conf/**']), tags: 'r*', dryRun: false },
    );
    expect(r.tags.map((t) => [t.tag, t.status, t.version])).toEqual([
      ['r1', 'imported', 1],
      ['r2', 'unchanged', 1],
      ['r10', 'imported', 2],
    ]);
    // Run again: the tag with unchanged files is still not a version of its own.
    const again = await importTags(
      { git: ng, log },
      { track: track(['conf/**']), tags: 'r*', dryRun: false },
    );
    expect(again.tags.map((t) => [t.tag, t.status, t.version])).toEqual([
      ['r1', 'already', 1],
      ['r2', 'unchanged', 1],
      ['r10', 'already', 2],
    ]);
    const before = await server.refs(repo, 'refs/');
    await expect(
      importTags({ git: ng, log }, { track: track(['conf/**']), tags: 'v*', dryRun: false }),
    ).rejects.toThrow(/Input 'tags': no tag of the remote matches 'v\*'/);
    expect(await server.refs(repo, 'refs/')).toEqual(before);
  });
});

async function tree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(join(dir, prefix))).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = await lstat(join(dir, rel));
    if (st.isDirectory()) out.push(...(await tree(dir, rel)));
    else if (st.isSymbolicLink()) out.push(`${rel} -> ${await readlink(join(dir, rel))}`);
    else
      out.push(`${rel} ${st.mode & 0o111 ? 'x' : '-'} ${await readFile(join(dir, rel), 'utf8')}`);
  }
  return out;
}

describe('export', () => {
  const long = `deep/${'a'.repeat(120)}/file-ü.txt`;

  async function withVersion(repo: string) {
    await createRemoteRepo(server, repo, {
      'conf/app.yml': 'a: 1\n',
      'conf/run.sh': { content: '#!/bin/sh\n', mode: 'exec' },
      'conf/link': { symlink: 'app.yml' },
      [`conf/${long}`]: 'long\n',
    });
    const { dir, ng } = await clone(repo);
    await git(dir, ['tag', 'r1']);
    await git(dir, ['push', '-q', 'origin', 'r1']);
    await importTags({ git: ng, log }, { track: track(['conf/**']), tags: 'r1', dryRun: false });
    return { dir, ng };
  }

  it('writes a version as a folder and as tarballs equal to git archive', async () => {
    const repo = 'acme/export';
    await withVersion(repo);
    const { dir, ng } = await clone(repo);
    const expected = tempDir('expected');
    await git(dir, ['fetch', '-q', 'origin', 'refs/versions/conf/1:refs/versions/conf/1']);
    await git(dir, [
      'archive',
      '--format=tar',
      '-o',
      join(expected, 'a.tar'),
      'refs/versions/conf/1',
    ]);
    await mkdir(join(expected, 'x'));
    await run('tar', ['-xf', join(expected, 'a.tar'), '-C', join(expected, 'x')]);
    const want = await tree(join(expected, 'x'));
    expect(want).toContain('conf/link -> app.yml');

    const folder = join(tempDir('out'), 'v1');
    const dry = await exportVersion(
      { git: ng },
      { selector: 'latest', to: folder, dryRun: true, cwd: dir },
    );
    expect(dry).toMatchObject({ version: 1, files: 4, format: 'folder', dryRun: true });
    await expect(lstat(folder)).rejects.toThrow();
    await exportVersion({ git: ng }, { selector: 'latest', to: folder, dryRun: false, cwd: dir });
    expect(await tree(folder)).toEqual(want);

    for (const name of ['v1.tar', 'v1.tgz']) {
      const out = tempDir('out-tar');
      const r = await exportVersion(
        { git: ng },
        { track: 'conf', selector: '1', to: join(out, name), dryRun: false, cwd: dir },
      );
      expect(r.format).toBe(name.endsWith('.tar') ? 'tar' : 'tar.gz');
      await mkdir(join(out, 'x'));
      await run('tar', ['-xf', join(out, name), '-C', join(out, 'x')]);
      expect(await tree(join(out, 'x'))).toEqual(want);
    }
  });

  it('refuses a non-empty folder and a hostile version, writing nothing', async () => {
    const repo = 'acme/export-hostile';
    await withVersion(repo);
    const { dir, ng } = await clone(repo);
    const full = tempDir('full');
    await writeFile(join(full, 'keep.txt'), 'mine');
    await expect(
      exportVersion({ git: ng }, { selector: '1', to: full, dryRun: false, cwd: dir }),
    ).rejects.toThrow(/Input 'to': .* exists and is not an empty folder/);
    expect(await readdir(full)).toEqual(['keep.txt']);

    // The hostile versions every restoring command refuses; a workflow file is no danger
    // to a folder of one's own, so export alone writes it.
    const bare = server.repoPath(repo);
    const base = (await git(bare, ['rev-parse', 'refs/heads/main'])).trim();
    const cases = HOSTILE_CASES.filter(([name]) => name !== 'a workflow file');
    for (const [i, [, hostile]] of cases.entries())
      await hostileVersion(bare, base, i + 2, hostile);
    const fresh = await clone(repo);
    for (const [i, [name, , message]] of cases.entries()) {
      const target = join(tempDir('out'), 'v');
      await expect(
        exportVersion(
          { git: fresh.ng },
          { selector: String(i + 2), to: target, dryRun: false, cwd: dir },
        ),
        name,
      ).rejects.toThrow(message);
      await expect(lstat(target)).rejects.toThrow();
    }
    const target = join(tempDir('out'), 'v');
    await expect(
      exportVersion({ git: ng }, { selector: 'nope', to: target, dryRun: false, cwd: dir }),
    ).rejects.toThrow(/Input 'version'/);
  });
});
