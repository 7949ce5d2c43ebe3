/**
 * Reading and writing a few notes of a big notes tree costs what those notes cost: each is
 * looked up at its fan-out path, and the tree is never listed whole.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, git, tempDir } from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';

const NOTES = 'refs/notes/versions';
const MANY = 5_000;

/** A made-up object id: notes may annotate objects this clone does not have. */
const objectId = (i: number) => createHash('sha1').update(`object ${i}`).digest('hex');
const noteText = (i: number) => `{"event":"recorded","n":${i}}\n`;

/** A notes commit holding notes for objects 0..count-1, at `depth` levels of `xx/` fan-out. */
async function notesTree(dir: string, ref: string, count: number, depth: number): Promise<string> {
  const lines = [`commit ${ref}`, 'committer t <t@t> 0 +0000', 'data 5', 'notes'];
  for (let i = 0; i < count; i++) {
    const id = objectId(i);
    const parts: string[] = [];
    for (let d = 0; d < depth; d++) parts.push(id.slice(d * 2, d * 2 + 2));
    const text = noteText(i);
    lines.push(`M 100644 inline ${[...parts, id.slice(depth * 2)].join('/')}`);
    lines.push(`data ${Buffer.byteLength(text)}`, text);
  }
  await git(dir, ['fast-import', '--quiet'], { input: `${lines.join('\n')}\n` });
  return (await git(dir, ['rev-parse', ref])).trim();
}

interface Run {
  args: readonly string[];
  printed: number;
}

let dir: string;
let ng: NativeGit;
let runs: Run[] = [];

beforeAll(async () => {
  dir = tempDir('notes-lookup');
  await git(dir, ['init', '-q']);
  await git(dir, ['commit', '-q', '--allow-empty', '-m', 'first']);
  ng = await NativeGit.open(
    dir,
    { url: dir },
    { observe: (args, printed) => runs.push({ args, printed }) },
  );
});
afterAll(async () => {
  await cleanupTempDirs();
});

const printed = () => runs.reduce((n, r) => n + r.printed, 0);
const listedWhole = () => runs.some((r) => r.args[0] === 'ls-tree' && r.args.includes('-r'));

describe('notes by fan-out path', () => {
  it(`reads a few notes of a ${MANY}-note tree printing bytes for those notes only`, async () => {
    const notes = await notesTree(dir, NOTES, MANY, 1);
    const wanted = [7, 1234, 4999].map(objectId);
    runs = [];
    const got = await ng.readNotes(notes, [...wanted, objectId(MANY + 1)]);
    expect(got).toEqual(
      new Map([
        [wanted[0], noteText(7)],
        [wanted[1], noteText(1234)],
        [wanted[2], noteText(4999)],
      ]),
    );
    expect(await ng.readNote(notes, objectId(42))).toBe(noteText(42));
    expect(await ng.readNote(notes, objectId(MANY + 2))).toBeUndefined();
    expect(listedWhole()).toBe(false);
    // Listing the tree alone prints ~60 bytes per note (300 KB here).
    expect(printed()).toBeLessThan(6 * 1024);
  });

  it.each([
    ['flat', 0],
    ['ab/cd/… (two levels)', 2],
  ])('finds notes in a %s tree', async (_, depth) => {
    const ref = `refs/notes/depth-${depth}`;
    const notes = await notesTree(dir, ref, 300, depth);
    const got = await ng.readNotes(notes, [objectId(0), objectId(299), objectId(300)]);
    expect(got).toEqual(
      new Map([
        [objectId(0), noteText(0)],
        [objectId(299), noteText(299)],
      ]),
    );
  });

  it(`writes notes into a ${MANY}-note tree at its fan-out without listing it`, async () => {
    const base = await notesTree(dir, 'refs/notes/write-base', MANY, 1);
    runs = [];
    const fresh = objectId(MANY + 10);
    const next = await ng.writeNotes(
      base,
      new Map([
        [objectId(99), 'replaced\n'],
        [fresh, 'new\n'],
      ]),
      'two notes',
    );
    expect(listedWhole()).toBe(false);
    // The top level of a fanned-out tree (256 entries) and one subtree; listing the whole tree
    // would print ~40 bytes per note.
    expect(printed()).toBeLessThan(32 * 1024);
    // The replaced note stays at its one path, the new one lands in the fan-out.
    expect(
      await git(dir, [
        'cat-file',
        'blob',
        `${next}:${objectId(99).slice(0, 2)}/${objectId(99).slice(2)}`,
      ]),
    ).toBe('replaced\n');
    expect(
      await git(dir, ['cat-file', 'blob', `${next}:${fresh.slice(0, 2)}/${fresh.slice(2)}`]),
    ).toBe('new\n');
    const paths = (await git(dir, ['ls-tree', '-r', '--name-only', next])).trim().split('\n');
    expect(paths).toHaveLength(MANY + 1);
    expect(paths.every((p) => /^[0-9a-f]{2}\/[0-9a-f]{38}$/.test(p))).toBe(true);
  });
});
