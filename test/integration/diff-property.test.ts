/**
 * Property: our file-level diff of two trees is exactly `git diff --name-status -M` of the same
 * trees — adds, deletes, modifications, exact and similar renames, type and mode changes, odd
 * file names — over hundreds of generated pairs.
 */
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeGit } from '../../src/git/native-git.js';
import { cleanupTempDirs, git, tempDir } from '../harness/index.js';

type Op =
  | 'keep'
  | 'modify'
  | 'delete'
  | 'rename-exact'
  | 'rename-similar'
  | 'rename-dissimilar'
  | 'to-symlink'
  | 'chmod';

interface FileGen {
  name: string;
  lines: string[];
  op: Op;
  edit: number;
}

const NAMES = [
  'a',
  'b c',
  'dir/x',
  'dir/sub/y',
  'ünï',
  'quote"s',
  'tab\there',
  'dash-',
  'n1',
  'deep/er/z',
];

const fileGen = fc.record({
  name: fc
    .constantFrom(...NAMES)
    .chain((base) => fc.integer({ min: 0, max: 999 }).map((i) => `${base}${i}.txt`)),
  lines: fc.array(fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme-ascii' }), {
    minLength: 4,
    maxLength: 40,
  }),
  op: fc.constantFrom<Op>(
    'keep',
    'modify',
    'delete',
    'rename-exact',
    'rename-similar',
    'rename-dissimilar',
    'to-symlink',
    'chmod',
  ),
  edit: fc.integer({ min: 0, max: 1000 }),
});

const pairGen = fc.record({
  files: fc.uniqueArray(fileGen, { minLength: 1, maxLength: 14, selector: (f) => f.name }),
  added: fc.array(
    fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 10 }),
    { maxLength: 3 },
  ),
});

let dir: string;
let ng: NativeGit;

beforeAll(async () => {
  dir = tempDir('diff-property');
  await git(dir, ['init', '-q']);
  ng = await NativeGit.open(dir, { url: 'http://127.0.0.1:9/x.git' });
});
afterAll(cleanupTempDirs);

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
}

async function snapshot(): Promise<string> {
  const env = { GIT_INDEX_FILE: join(dir, '.git', 'prop-index') };
  await rm(env.GIT_INDEX_FILE, { force: true });
  await git(dir, ['add', '-A'], { env });
  return (await git(dir, ['write-tree'], { env })).trim();
}

function text(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

async function build(pair: { files: FileGen[]; added: string[][] }): Promise<[string, string]> {
  await rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q']);
  for (const f of pair.files) await put(f.name, text(f.lines));
  const a = await snapshot();
  for (const [i, f] of pair.files.entries()) {
    const path = join(dir, f.name);
    const edited = f.lines.map((l, j) => ((j + f.edit) % 5 === 0 ? `${l} edited` : l));
    switch (f.op) {
      case 'modify':
        await put(f.name, text(edited));
        break;
      case 'delete':
        await rm(path);
        break;
      case 'rename-exact':
        await rm(path);
        await put(`moved/${i}-${f.name}`, text(f.lines));
        break;
      case 'rename-similar':
        await rm(path);
        await put(`moved/${i}-${f.name}`, text(edited));
        break;
      case 'rename-dissimilar':
        await rm(path);
        await put(`moved/${i}-${f.name}`, text(f.lines.map((l) => `${l}${f.edit}`)));
        break;
      case 'to-symlink':
        await rm(path);
        await symlink('target-of-link', path);
        break;
      case 'chmod':
        await chmod(path, 0o755);
        break;
      case 'keep':
        break;
    }
  }
  for (const [i, lines] of pair.added.entries()) await put(`new/added-${i}.txt`, text(lines));
  return [a, await snapshot()];
}

async function gitNameStatus(a: string, b: string): Promise<string[]> {
  const out = await git(dir, ['diff', '--name-status', '-M', '-z', a, b]);
  const fields = out.split('\0');
  const rows: string[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const status = fields[i++]!;
    rows.push(
      status.startsWith('R')
        ? `${status}\t${fields[i++]}\t${fields[i++]}`
        : `${status}\t${fields[i++]}`,
    );
  }
  return rows.sort();
}

let similarRenames = 0;

async function ourNameStatus(a: string, b: string): Promise<string[]> {
  const changes = await ng.diffTrees(a, b, { renames: true });
  similarRenames += changes.filter((c) => c.status === 'R' && (c.similarity ?? 100) < 100).length;
  return changes
    .map((c) =>
      c.status === 'R'
        ? `R${String(c.similarity).padStart(3, '0')}\t${c.oldPath}\t${c.path}`
        : `${c.status}\t${c.path}`,
    )
    .sort();
}

describe('file-level diff', () => {
  it('agrees with git diff --name-status -M on generated tree pairs', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(pairGen, async (pair) => {
        const [a, b] = await build(pair);
        const ours = await ourNameStatus(a, b);
        expect(ours).toEqual(await gitNameStatus(a, b));
        for (const row of ours) seen.add(row.charAt(0));
      }),
      { numRuns: 250 },
    );
    // The generator must really have produced every kind of change, similar renames included.
    expect([...seen].sort()).toEqual(['A', 'D', 'M', 'R', 'T']);
    expect(similarRenames).toBeGreaterThan(0);
  }, 300_000);
});
