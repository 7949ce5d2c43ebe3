/** The git adapter against real repositories on disk (no server needed for these). */
import { randomBytes } from 'node:crypto';
import { appendFile, chmod, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NativeGit } from '../../src/git/native-git.js';
import { looksIncompressible } from '../../src/git/incompressible.js';
import { cleanupTempDirs, git, tempDir, writeTree } from '../harness/index.js';

afterAll(cleanupTempDirs);

async function repoWith(tree: Parameters<typeof writeTree>[1]): Promise<string> {
  const dir = tempDir('native-git');
  await git(dir, ['init', '-q']);
  await writeTree(dir, tree);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'base']);
  return dir;
}

/** What native git makes of exactly these paths, from an empty temporary index. */
async function nativeTree(dir: string, paths: string[]): Promise<string> {
  const env = { GIT_INDEX_FILE: join(dir, '.git', 'reference-index') };
  await rm(env.GIT_INDEX_FILE, { force: true });
  await git(dir, ['update-index', '--add', '-z', '--stdin'], {
    env,
    input: paths.join('\0') + '\0',
  });
  return (await git(dir, ['write-tree'], { env })).trim();
}

describe('NativeGit.writeTree', () => {
  it('gives the tree a fresh index would, for changed, generated, ignored, linked and executable files', async () => {
    const dir = await repoWith({
      '.gitignore': 'gen/\n',
      'a/one.json': '1',
      'a/two.json': '2',
      'a/same-size.json': 'xx',
      'b/out.txt': 'not in the track',
    });
    // Same size, rewritten right after the checkout: git's racy-entry rule must catch it.
    await writeTree(dir, { 'a/same-size.json': 'yy' });
    await writeTree(dir, {
      'a/two.json': 'two!',
      'gen/model.bin': 'weights',
      'a/link': { symlink: 'one.json' },
      'a/run.sh': 'echo',
    });
    await chmod(join(dir, 'a/run.sh'), 0o755);
    await rm(join(dir, 'a/one.json'));

    const paths = ['a/link', 'a/run.sh', 'a/same-size.json', 'a/two.json', 'gen/model.bin'];
    const ours = await (
      await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' })
    ).writeTree(paths);
    expect(ours).toBe(await nativeTree(dir, paths));
    const listing = await git(dir, ['ls-tree', '-r', ours]);
    expect(listing).toMatch(/^120000 blob \w+\ta\/link$/m);
    expect(listing).toMatch(/^100755 blob \w+\ta\/run\.sh$/m);
    expect(listing).not.toContain('b/out.txt');
    expect(await git(dir, ['cat-file', 'blob', `${ours}:a/same-size.json`])).toBe('yy');
    // The checkout's own index is untouched.
    expect(await git(dir, ['diff', '--cached', '--name-only'])).toBe('');
  });

  it('stores the bytes on disk when the checkout converted line endings (core.autocrlf)', async () => {
    const dir = await repoWith({ 'w/a.txt': 'one\ntwo\n', 'w/b.bin': 'raw' });
    // A checkout as Windows runners make it: text files written with CRLF, the index's stat
    // data taken from those files, its blobs holding LF.
    await git(dir, ['config', 'core.autocrlf', 'true']);
    await rm(join(dir, 'w/a.txt'));
    await git(dir, ['checkout', '--', 'w/a.txt']);
    expect(await readFile(join(dir, 'w/a.txt'), 'utf8')).toBe('one\r\ntwo\r\n');
    // Written long before the index, so git's racy-entry rule does not re-check it.
    const past = new Date(Date.now() - 3_600_000);
    await utimes(join(dir, 'w/a.txt'), past, past);
    await git(dir, ['update-index', '--refresh']);
    expect(await git(dir, ['status', '--porcelain'])).toBe('');
    const ng = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
    const tree = await ng.writeTree(['w/a.txt', 'w/b.bin']);
    expect(await git(dir, ['cat-file', 'blob', `${tree}:w/a.txt`])).toBe('one\r\ntwo\r\n');
    const { sizes } = await ng.writeSnapshot([
      { path: 'w/a.txt', size: 10 },
      { path: 'w/b.bin', size: 3 },
    ]);
    expect(Object.fromEntries(sizes)).toEqual({ 'w/a.txt': 10, 'w/b.bin': 3 });
    expect(await git(dir, ['config', 'core.autocrlf'])).toBe('true\n');

    // The same setting given through the environment (GIT_CONFIG_*) counts too.
    await git(dir, ['config', '--unset', 'core.autocrlf']);
    const saved = { ...process.env };
    Object.assign(process.env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.autocrlf',
      GIT_CONFIG_VALUE_0: 'true',
    });
    try {
      const fromEnv = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
      const again = await fromEnv.writeTree(['w/a.txt']);
      expect(await git(dir, ['cat-file', 'blob', `${again}:w/a.txt`])).toBe('one\r\ntwo\r\n');
    } finally {
      for (const key of ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0']) {
        if (key in saved) process.env[key] = saved[key];
        else delete process.env[key];
      }
    }
  });

  it('writes new files as loose objects without compressing them (the push pack does that once)', async () => {
    const dir = await repoWith({ 'c/a.json': 'old' });
    const text = `${'{"weights": [0, 0, 0, 0]}\n'.repeat(10_000)}`; // 260 KB; deflated, 1 KB
    await writeTree(dir, { 'c/a.json': text });
    const tree = await (
      await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' })
    ).writeTree(['c/a.json']);
    const blob = (await git(dir, ['rev-parse', `${tree}:c/a.json`])).trim();
    const loose = join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
    expect((await stat(loose)).size).toBeGreaterThan(text.length);
  });

  it('rehashes files the checkout marked assume-unchanged or skip-worktree', async () => {
    const dir = await repoWith({ 'c/a.json': 'old', 'c/b.json': 'old' });
    await git(dir, ['update-index', '--assume-unchanged', 'c/a.json']);
    await git(dir, ['update-index', '--skip-worktree', 'c/b.json']);
    await writeTree(dir, { 'c/a.json': 'new-a', 'c/b.json': 'new-b' });
    const tree = await (
      await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' })
    ).writeTree(['c/a.json', 'c/b.json']);
    expect(await git(dir, ['cat-file', 'blob', `${tree}:c/a.json`])).toBe('new-a');
    expect(await git(dir, ['cat-file', 'blob', `${tree}:c/b.json`])).toBe('new-b');
  });
});

describe('NativeGit.writeSnapshot', () => {
  /** Blob sizes of a tree as `git ls-tree -l` reads them from the objects themselves. */
  async function storedSizes(dir: string, tree: string): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    for (const line of (await git(dir, ['ls-tree', '-r', '-l', '-z', tree])).split('\0')) {
      const m = /^\d+ blob [0-9a-f]+ +(\d+)\t(.*)$/s.exec(line);
      if (m) sizes.set(m[2]!, Number(m[1]));
    }
    return sizes;
  }

  it('gives the size of every blob as stored, whatever happened since the files were measured', async () => {
    const dir = await repoWith({
      '.gitattributes': 'crlf/** text eol=crlf\n',
      'k/kept.json': 'kept',
      'k/racy.json': 'aa',
      'k/grows.log': 'short',
      'k/gone.txt': 'here',
      'k/empty.txt': '',
      'k/misjudged.bin': 'abc',
      'crlf/win.txt': 'one\r\ntwo\r\n',
    });
    await writeTree(dir, {
      'k/racy.json': 'bb', // same size, right after the checkout's index was written
      'k/new.bin': 'x'.repeat(3000),
      'k/link': { symlink: 'kept.json' },
    });
    const measure = async () => {
      const paths = [
        'crlf/win.txt',
        'k/empty.txt',
        'k/gone.txt',
        'k/grows.log',
        'k/kept.json',
        'k/link',
        'k/misjudged.bin',
        'k/new.bin',
        'k/racy.json',
      ];
      const sizes: Record<string, number> = {
        'crlf/win.txt': 10,
        'k/empty.txt': 0,
        'k/gone.txt': 4,
        'k/grows.log': 5,
        'k/kept.json': 4,
        'k/link': 9,
        'k/misjudged.bin': 999, // a caller's wrong figure must not become the answer
        'k/new.bin': 3000,
        'k/racy.json': 2,
      };
      return paths.map((path) => ({ path, size: sizes[path]! }));
    };
    const files = await measure();
    // Between the measure and the hashing: one file grows, one goes.
    await appendFile(join(dir, 'k/grows.log'), ' and longer');
    await rm(join(dir, 'k/gone.txt'));

    const ng = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
    const { tree, sizes } = await ng.writeSnapshot(files);
    expect(tree).toBe(await ng.writeTree(files.map((f) => f.path)));
    const stored = await storedSizes(dir, tree);
    expect(Object.fromEntries(sizes)).toEqual(Object.fromEntries(stored));
    expect(sizes.get('k/grows.log')).toBe(16);
    expect(sizes.get('k/misjudged.bin')).toBe(3);
    expect(sizes.has('k/gone.txt')).toBe(false);
    expect(await readFile(join(dir, 'k/racy.json'), 'utf8')).toBe('bb');
  });

  it('reads the sizes from the index it wrote, not from every object', async () => {
    const dir = await repoWith(
      Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`m/f${i}.json`, `${i}`])),
    );
    await writeTree(dir, { 'm/f0.json': 'changed' });
    const trace = join(tempDir('trace'), 'trace.json');
    const files = Array.from({ length: 200 }, (_, i) => ({
      path: `m/f${i}.json`,
      size: i === 0 ? 7 : String(i).length,
    }));
    const ng = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
    process.env.GIT_TRACE2_EVENT = trace;
    let sizes: Map<string, number>;
    try {
      ({ sizes } = await ng.writeSnapshot(files));
    } finally {
      delete process.env.GIT_TRACE2_EVENT;
    }
    expect(sizes.size).toBe(200);
    expect(sizes.get('m/f0.json')).toBe(7);
    // No git lists the tree with sizes (`ls-tree -l` opens every object to read its size).
    const started = (await readFile(trace, 'utf8'))
      .split('\n')
      .filter((l) => l.includes('"event":"start"'))
      .map((l) => (JSON.parse(l) as { argv: string[] }).argv.slice(1).join(' '));
    expect(started.some((a) => a.startsWith('write-tree'))).toBe(true);
    expect(started.filter((a) => a.startsWith('ls-tree'))).toEqual([]);
  });
});

describe('big files that do not compress', () => {
  const MiB = 1024 * 1024;
  const noise = (n: number) => randomBytes(n);
  const text = (n: number) =>
    Buffer.from('{"layer": 3, "bias": [0.5, 0.25]}\n'.repeat(n / 34 + 1)).subarray(0, n);

  it('are told apart by samples of their bytes', async () => {
    const dir = tempDir('samples');
    const write = async (name: string, bytes: Buffer) => {
      await writeFile(join(dir, name), bytes);
      return looksIncompressible(join(dir, name), bytes.length);
    };
    expect(await write('noise.bin', noise(3 * MiB))).toBe(true);
    expect(await write('small.bin', noise(1000))).toBe(true);
    expect(await write('text.json', text(3 * MiB))).toBe(false);
    // Noise with a compressible middle: the middle sample saves enough.
    const mixed = Buffer.concat([noise(MiB), text(MiB), noise(MiB)]);
    expect(await write('mixed.bin', mixed)).toBe(false);
    expect(await looksIncompressible(join(dir, 'gone.bin'), 100)).toBe(false);
  });

  it('go into the object store without deflating, when every big file is one', async () => {
    const hashedWith = async (files: Record<string, Buffer>) => {
      const dir = await repoWith({ 'm/README': 'x' });
      for (const [path, bytes] of Object.entries(files)) await writeFile(join(dir, path), bytes);
      const runs: string[] = [];
      const ng = await NativeGit.open(
        dir,
        { url: 'http://127.0.0.1:9/x.git' },
        { observe: (args) => void (args.includes('update-index') && runs.push(args.join(' '))) },
      );
      const sizes = Object.entries(files).map(([path, b]) => ({ path, size: b.length }));
      const { tree } = await ng.writeSnapshot(sizes);
      for (const [path, bytes] of Object.entries(files)) {
        expect((await git(dir, ['cat-file', '-s', `${tree}:${path}`])).trim()).toBe(
          String(bytes.length),
        );
      }
      return runs.find((r) => r.includes('--add'))!;
    };
    const big = 33 * MiB;
    expect(await hashedWith({ 'm/w.bin': noise(big), 'm/s.bin': noise(MiB) })).toMatch(
      /^-c pack\.compression=0 update-index/,
    );
    expect(await hashedWith({ 'm/w.csv': text(big) })).not.toMatch(/pack\.compression/);
    expect(await hashedWith({ 'm/w.bin': noise(big), 'm/w.csv': text(big) })).not.toMatch(
      /pack\.compression/,
    );
    // Files under the threshold are not sampled: nothing to gain there.
    expect(await hashedWith({ 'm/s.bin': noise(MiB) })).not.toMatch(/pack\.compression/);
  });
});

describe('NativeGit notes', () => {
  it('reads and extends notes trees that native git fanned out', async () => {
    const dir = await repoWith({ 'f.txt': 'x' });
    // 600 commits with a note each: enough for git to fan the notes tree out into ab/cdef….
    let stream = '';
    for (let i = 1; i <= 600; i++)
      stream += `commit refs/heads/many\nmark :${i}\ncommitter t <t@t> ${i} +0000\ndata 2\n${i % 10}\n`;
    stream += 'commit refs/notes/versions\ncommitter t <t@t> 0 +0000\ndata 5\nbase\n';
    for (let i = 1; i <= 600; i++)
      stream += `N inline :${i}\ndata ${`note ${i}\n`.length}\nnote ${i}\n`;
    await git(dir, ['fast-import', '--quiet'], { input: `${stream}\n` });
    const objects = (await git(dir, ['rev-list', '--reverse', 'refs/heads/many']))
      .trim()
      .split('\n');
    const head = (await git(dir, ['rev-parse', 'HEAD'])).trim();
    await git(dir, ['notes', '--ref=versions', 'add', '-m', '{"by":"git notes"}', head]);
    const notesCommit = (await git(dir, ['rev-parse', 'refs/notes/versions'])).trim();
    expect(await git(dir, ['ls-tree', '--name-only', notesCommit])).toMatch(/^[0-9a-f]{2}$/m);

    const ng = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
    expect(await ng.readNote(notesCommit, objects[122]!)).toBe('note 123\n');
    expect(await ng.readNote(notesCommit, head)).toBe('{"by":"git notes"}\n');
    expect(await ng.readNote(notesCommit, '0'.repeat(40))).toBeUndefined();

    const next = await ng.writeNotes(
      notesCommit,
      new Map([[head, '{"by":"git notes"}\n{"by":"snapback"}\n']]),
      'append',
    );
    await git(dir, ['update-ref', 'refs/notes/versions', next]);
    expect(await git(dir, ['notes', '--ref=versions', 'show', head])).toBe(
      '{"by":"git notes"}\n{"by":"snapback"}\n',
    );
    expect(await git(dir, ['notes', '--ref=versions', 'show', objects[599]!])).toBe('note 600\n');
    expect((await git(dir, ['notes', '--ref=versions', 'list'])).trim().split('\n')).toHaveLength(
      601,
    );
    expect((await git(dir, ['rev-parse', `${next}^`])).trim()).toBe(notesCommit);
  });
});

describe('NativeGit.writeTree right after a checkout', () => {
  it('sees a same-size rewrite made in the same second as the index (racy git)', async () => {
    for (let i = 0; i < 5; i++) {
      const dir = await repoWith({ 'r/a.json': '{"model":"a"}' });
      // Rewritten at once: same size, and very likely the same second as the index write.
      await writeTree(dir, { 'r/a.json': '{"model":"b"}' });
      const tree = await (
        await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' })
      ).writeTree(['r/a.json']);
      expect(await git(dir, ['cat-file', 'blob', `${tree}:r/a.json`])).toBe('{"model":"b"}');
    }
  });
});

describe('NativeGit.diffTrees blob sizes', () => {
  it('sizes objects written after the repository was opened, and answers overlapping diffs each with their own sizes', async () => {
    const dir = await repoWith({ 's/a.txt': 'a', 's/b.txt': 'bb' });
    const ng = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
    const base = (await git(dir, ['rev-parse', 'HEAD'])).trim();
    // Objects created after open(): the long-lived lookup must still find them.
    const commits: string[] = [];
    for (let i = 1; i <= 5; i++) {
      await writeTree(dir, { 's/a.txt': 'x'.repeat(i * 100), [`s/new${i}.txt`]: 'y'.repeat(i) });
      await git(dir, ['add', '-A']);
      await git(dir, ['commit', '-qm', `c${i}`]);
      commits.push((await git(dir, ['rev-parse', 'HEAD'])).trim());
    }
    const diffs = await Promise.all(commits.map((c) => ng.diffTrees(base, c)));
    diffs.forEach((changes, i) => {
      const a = changes.find((c) => c.path === 's/a.txt')!;
      expect([a.oldSize, a.newSize]).toEqual([1, (i + 1) * 100]);
      expect(changes.find((c) => c.path === `s/new${i + 1}.txt`)?.newSize).toBe(i + 1);
      expect(changes).toHaveLength(i + 2);
    });
  });
});
