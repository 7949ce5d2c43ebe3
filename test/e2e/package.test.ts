/**
 * The npm package: published as `git-snapback` with two executables, so that both `snapback`
 * and `git snapback` (git runs `git-<name>` found on PATH) start the CLI.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, gitEnv, tempDir } from '../harness/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
};

afterAll(async () => {
  await cleanupTempDirs();
});

describe('npm package', () => {
  it('is named git-snapback and installs snapback and git-snapback', () => {
    expect(pkg.name).toBe('git-snapback');
    expect(pkg.bin).toEqual({ snapback: 'dist/cli.js', 'git-snapback': 'dist/cli.js' });
    expect(readFileSync(join(ROOT, 'dist/cli.js'), 'utf8').split('\n')[0]).toBe(
      '#!/usr/bin/env node',
    );
  });

  it('runs as a git subcommand: `git snapback -h` (with --help, git opens a manual page)', async () => {
    // A bin folder laid out as npm links it: each executable a symlink to the bundled CLI.
    const bin = tempDir('snapback-bin-');
    // npm makes bins executable on install; the build already does, which the release needs.
    expect(statSync(join(ROOT, pkg.bin['git-snapback']!)).mode & 0o111).toBe(0o111);
    for (const [name, target] of Object.entries(pkg.bin)) {
      await symlink(join(ROOT, target), join(bin, name));
    }
    const env = {
      ...gitEnv(),
      // node first, as npm's own shim would find it; then our bin folder.
      PATH: [join(process.execPath, '..'), bin, process.env.PATH ?? ''].join(delimiter),
    };
    const viaGit = await run('git', ['snapback', '-h'], { env, cwd: bin });
    expect(viaGit.stdout).toMatch(/^Usage: snapback <command>/);
    const direct = await run('snapback', ['-h'], { env, cwd: bin });
    expect(direct.stdout).toBe(viaGit.stdout);
  });
});
