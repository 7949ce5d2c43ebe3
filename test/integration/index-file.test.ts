/**
 * The index reader against index files git itself wrote, in each format version, compared with
 * what `git ls-files --stage --debug` says of the same file; and the cases it must refuse.
 */
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIndexEntries, type IndexEntry } from '../../src/git/index-file.js';
import { cleanupTempDirs, git, tempDir, writeTree } from '../harness/index.js';

afterAll(cleanupTempDirs);

/** A repository with plain, executable, linked, empty, long-named and conflicted entries. */
async function repository(opts: { longName?: boolean } = {}): Promise<string> {
  const dir = tempDir('index-file');
  await git(dir, ['init', '-q', '-b', 'main']);
  await writeTree(dir, {
    'a.txt': 'alpha\n',
    'dir/b.json': '{"b": 1}\n',
    'dir/sub/c.bin': 'c'.repeat(5000),
    'other/d.txt': 'delta\n',
    'empty.txt': '',
    link: { symlink: 'a.txt' },
    'run.sh': 'echo hi\n',
    'é-unicode.txt': 'ü\n',
  });
  await chmod(join(dir, 'run.sh'), 0o755);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'one']);
  // A name of 4,095 bytes or more does not fit the entry's 12-bit length: git writes 0xFFF
  // there and the reader looks for the name's end. No file system path is that long, but an
  // index entry may be (added by object id).
  if (!opts.longName) return dir;
  const blob = (await git(dir, ['hash-object', '-w', '--stdin'], { input: 'deep\n' })).trim();
  const long = Array.from({ length: 20 }, (_, i) => String(i).padStart(3, '0').repeat(70)).join(
    '/',
  );
  await git(dir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${long}`]);
  return dir;
}

/** git's own account of the index: stage line, then the recorded size among the debug lines. */
async function gitsView(dir: string): Promise<IndexEntry[]> {
  const out = await git(dir, ['ls-files', '--stage', '--debug', '-z']);
  const entries: IndexEntry[] = [];
  // Each entry: "mode oid stage\tpath\0" then five debug lines ending with "size: N\tflags: X\n".
  let at = 0;
  while (at < out.length) {
    const nul = out.indexOf('\0', at);
    const [head, path] = [
      out.slice(at, out.indexOf('\t', at)),
      out.slice(out.indexOf('\t', at) + 1, nul),
    ];
    const [mode, oid, stage] = head.split(' ');
    const sizeLine = /size: (\d+)\tflags: [0-9a-f]+\n/.exec(out.slice(nul))!;
    entries.push({ path, mode: mode!, oid: oid!, stage: Number(stage), size: Number(sizeLine[1]) });
    at = nul + sizeLine.index + sizeLine[0].length;
  }
  return entries;
}

async function readWith(dir: string, version: 2 | 3 | 4): Promise<IndexEntry[] | undefined> {
  await git(dir, ['update-index', '--index-version', String(version)]);
  const buf = await readFile(join(dir, '.git', 'index'));
  expect(buf.readUInt32BE(4)).toBe(version);
  return readIndexEntries(buf, 20);
}

describe('readIndexEntries', () => {
  for (const version of [2, 3, 4] as const) {
    it(`reads every entry of a version ${version} index as git does`, async () => {
      const dir = await repository({ longName: true });
      // An intent-to-add entry sets the extended flags (version 3 and up only).
      if (version > 2) {
        await writeTree(dir, { 'later.txt': 'later\n' });
        await git(dir, ['add', '-N', 'later.txt']);
      }
      const ours = await readWith(dir, version);
      expect(ours).toBeDefined();
      expect(ours).toEqual(await gitsView(dir));
      expect(ours!.find((e) => e.path === 'dir/sub/c.bin')).toMatchObject({ size: 5000 });
      expect(ours!.find((e) => e.path === 'run.sh')).toMatchObject({ mode: '100755' });
      expect(ours!.find((e) => e.path === 'link')).toMatchObject({ mode: '120000', size: 5 });
      expect(ours!.some((e) => e.path.length > 4000)).toBe(true);
    });
  }

  it('reads the three sides of a conflict', async () => {
    const dir = await repository();
    await git(dir, ['checkout', '-qb', 'side']);
    await writeTree(dir, { 'a.txt': 'side\n' });
    await git(dir, ['commit', '-qam', 'side']);
    await git(dir, ['checkout', '-q', 'main']);
    await writeTree(dir, { 'a.txt': 'main\n' });
    await git(dir, ['commit', '-qam', 'main']);
    await git(dir, ['merge', '-q', 'side']).catch(() => undefined); // conflicts, as meant
    const ours = readIndexEntries(await readFile(join(dir, '.git', 'index')), 20);
    expect(ours!.filter((e) => e.path === 'a.txt').map((e) => e.stage)).toEqual([1, 2, 3]);
    expect(ours).toEqual(await gitsView(dir));
  });

  it('refuses a split index, a sparse one, an unknown version and a cut-off file', async () => {
    const dir = await repository();
    const whole = await readFile(join(dir, '.git', 'index'));
    expect(readIndexEntries(whole.subarray(0, whole.length / 2), 20)).toBeUndefined();
    const v9 = Buffer.from(whole);
    v9.writeUInt32BE(9, 4);
    expect(readIndexEntries(v9, 20)).toBeUndefined();
    expect(readIndexEntries(Buffer.from('not an index'), 20)).toBeUndefined();

    await git(dir, ['update-index', '--split-index']);
    expect(readIndexEntries(await readFile(join(dir, '.git', 'index')), 20)).toBeUndefined();
    await git(dir, ['update-index', '--no-split-index']);
    expect(readIndexEntries(await readFile(join(dir, '.git', 'index')), 20)).toBeDefined();

    // Outside the cone, other/ becomes one entry of the index: a directory.
    await git(dir, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'dir']);
    const sparse = await readFile(join(dir, '.git', 'index'));
    expect(sparse.includes(Buffer.from('sdir'))).toBe(true);
    expect(readIndexEntries(sparse, 20)).toBeUndefined();
  });
});
