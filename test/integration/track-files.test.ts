/**
 * Which files a track holds, and the size check every one of them goes through, on real
 * repositories on disk. Nothing here reaches a server: the checks run before the first
 * network request (the remote URL points nowhere).
 */
import { chmod, symlink, truncate, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, git, tempDir, writeTree } from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import { listTrackFiles } from '../../src/workspace/track-files.js';
import { parsePatterns } from '../../src/core/globs.js';
import { record, type TrackSpec } from '../../src/commands/record.js';
import { resolveTracks } from '../../src/inputs.js';
import { SnapbackError } from '../../src/errors.js';

afterAll(cleanupTempDirs);

const NOWHERE = { url: 'http://127.0.0.1:9/nowhere.git' };
const MiB = 1024 * 1024;
/** Inputs as a runner gives them when none is set. */
const RAW = { track: '', paths: '', config: '', maxFileSize: '', metrics: '' };

async function repoWith(tree: Parameters<typeof writeTree>[1]): Promise<string> {
  const dir = tempDir('track-files');
  await git(dir, ['init', '-q']);
  await writeTree(dir, tree);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'base']);
  return dir;
}

async function listed(dir: string, patterns: string[]) {
  return listTrackFiles(await NativeGit.open(dir, NOWHERE), parsePatterns(patterns));
}

/** Thrown once the files passed their checks: the test stops before anything else. */
class FilesPassed extends Error {}

/**
 * Records in-process up to the end of the file checks: the refusal, or FilesPassed. The
 * checks come before any hashing or network request, so the absent server is never asked.
 */
async function checkedBy(dir: string, spec: TrackSpec): Promise<unknown> {
  const ng = await NativeGit.open(dir, NOWHERE);
  return record(
    {
      git: ng,
      resolveLabel: async () => 'dev',
      log: () => undefined,
      checkpoint: (step) => {
        if (step === 'listed-files') throw new FilesPassed();
      },
    },
    { tracks: [spec], dryRun: true, context: {} },
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
}

function recordError(dir: string, spec: { paths: string[]; maxFileSize: number }) {
  return checkedBy(dir, {
    name: 't',
    patterns: parsePatterns(spec.paths),
    maxFileSize: spec.maxFileSize,
    source: 'paths',
  });
}

describe('track file listing', () => {
  it('"!" excludes match dotfiles and dot-folders as they match other files', async () => {
    const dir = await repoWith({
      'conf/app.json': '{}',
      'conf/.env': 'A=1',
      'conf/.secret.tmp': 'x',
      'conf/sub/.draft.tmp': 'x',
      'conf/.cache/blob': 'x',
      'conf/cache/.keep': 'x',
      'conf/visible.tmp': 'x',
    });
    const files = await listed(dir, ['conf/**', '!**/*.tmp', '!conf/.cache/**', '!**/.keep']);
    expect(files.map((f) => f.path)).toEqual(['conf/.env', 'conf/app.json']);
  });

  it('lists a symlinked folder as one link and never walks into it', async () => {
    const outside = tempDir('outside');
    await writeFile(join(outside, 'secret.json'), '{"secret":true}');
    const dir = await repoWith({ 'conf/real/a.json': '{}' });
    await symlink(outside, join(dir, 'conf/out'));
    await symlink('real', join(dir, 'conf/inside'));
    for (const patterns of [['conf/**'], ['conf/out/**', 'conf/inside/**', 'conf/real/**']]) {
      const files = await listed(dir, patterns);
      expect(
        files.map((f) => [f.path, f.kind]),
        patterns.join(' '),
      ).toEqual([
        ['conf/inside', 'symlink'],
        ['conf/out', 'symlink'],
        ['conf/real/a.json', 'file'],
      ]);
    }
  });

  it('executables and symlinks go through the size check like plain files', async () => {
    const dir = await repoWith({ 'bin/ok.txt': '1234' });
    await writeFile(join(dir, 'bin/run.sh'), 'x'.repeat(64));
    await chmod(join(dir, 'bin/run.sh'), 0o755);
    await mkdir(join(dir, 'links'));
    await symlink('t'.repeat(64), join(dir, 'links/long'));

    const exec = await recordError(dir, { paths: ['bin/**'], maxFileSize: 32 });
    expect(exec).toBeInstanceOf(SnapbackError);
    expect((exec as SnapbackError).code).toBe('file-too-large');
    expect((exec as Error).message).toContain('bin/run.sh');
    expect((exec as Error).message).not.toContain('bin/ok.txt');

    const link = await recordError(dir, { paths: ['links/**'], maxFileSize: 32 });
    expect((link as SnapbackError).code).toBe('file-too-large');
    expect((link as Error).message).toContain('links/long');

    // At the limit is allowed (the refusal is for files over it).
    expect(
      await recordError(dir, { paths: ['bin/**', 'links/**'], maxFileSize: 64 }),
    ).toBeInstanceOf(FilesPassed);
  });

  it('the default limit is 100 MiB when max-file-size is not given, for inputs and config tracks', async () => {
    const dir = await repoWith({
      'm/small.bin': 'x',
      '.github/snapback.yml': 'tracks:\n  m:\n    paths: m/**\n',
    });
    // Sparse: no disk is spent on the 100 MiB.
    const big = join(dir, 'm/big.bin');
    await writeFile(big, '');
    await truncate(big, 100 * MiB);
    const fromInputs = await resolveTracks({ ...RAW, paths: 'm/**' }, dir);
    const fromConfig = await resolveTracks(RAW, dir);
    for (const [spec] of [fromInputs, fromConfig]) {
      expect(spec!.maxFileSize).toBe(100 * MiB);
      // Exactly 100 MiB is what GitHub still accepts.
      expect(await checkedBy(dir, spec!)).toBeInstanceOf(FilesPassed);
    }
    await truncate(big, 100 * MiB + 1);
    for (const [spec] of [fromInputs, fromConfig]) {
      const error = await checkedBy(dir, spec!);
      expect((error as SnapbackError).code).toBe('file-too-large');
      expect((error as Error).message).toMatch(/m\/big\.bin \(100 MiB\)/);
      expect((error as Error).message).toContain('exceed 100 MiB');
    }
  });
});
