// Diff Markdown rendered whole for every kind of file change, then each way it truncates.
import { describe, expect, it } from 'vitest';
import type { DiffResult, FileDiff } from '../../src/commands/diff.js';
import { COMMENT_LIMIT, SUMMARY_LIMIT, renderDiff } from '../../src/report/render-diff.js';
function file(path: string, extra: Partial<FileDiff> = {}): FileDiff {
  return {
    status: 'M',
    path,
    oldPath: path,
    oldMode: '100644',
    newMode: '100644',
    oldOid: 'a'.repeat(40),
    newOid: 'b'.repeat(40),
    oldSize: 1024,
    newSize: 2048,
    content: null,
    ...extra,
  };
}
const rich: DiffResult = {
  tracks: [
    {
      track: 'cfg',
      from: { describe: 'v3 (prod)', version: 3, commit: 'c3' },
      to: { describe: 'work tree', version: null, commit: null },
      contentSkipped: 2,
      files: [
        file('new.json', {
          status: 'A',
          oldOid: null,
          oldMode: null,
          oldSize: 0,
          content: {
            kind: 'structured',
            format: 'json',
            keys: [{ path: '', kind: 'added', after: { a: 1 } }],
          },
        }),
        file('gone.txt', { status: 'D', newOid: null, newMode: null, newSize: 0 }),
        file('app.yml', {
          content: {
            kind: 'structured',
            format: 'yaml',
            keys: [
              { path: 'a.b', kind: 'changed', before: 1, after: 2 },
              { path: 'c', kind: 'removed', before: 'x' },
              { path: 'd', kind: 'added', after: [1, 2] },
            ],
          },
        }),
        file('run.sh', { status: 'T', content: { kind: 'text', lines: { added: 3, removed: 1 } } }),
        file('big.txt', {
          content: { kind: 'text', lines: { added: 10, removed: 0 }, note: 'approximate | <x>' },
        }),
        file('odd.yml', { content: { kind: 'text', note: 'not valid YAML' } }),
        file('img.png', { content: { kind: 'binary' } }),
        file('new/name.json', { status: 'R', oldPath: 'old/name.json' }),
        file('empty.json', { content: { kind: 'structured', format: 'json', keys: [] } }),
        file('one.json', { content: { kind: 'structured', format: 'json' } }),
      ],
    },
    {
      track: 'other',
      from: { describe: 'v1', version: 1, commit: 'c1' },
      to: { describe: 'v2', version: 2, commit: 'c2' },
      contentSkipped: 0,
      files: [
        file('x.json', {
          content: {
            kind: 'structured',
            format: 'json',
            keys: [{ path: 'k', kind: 'changed', before: 'a', after: 'b' }],
          },
        }),
      ],
    },
    {
      track: 'same',
      from: { describe: 'v1', version: 1, commit: 'c1' },
      to: { describe: 'v1', version: 1, commit: 'c1' },
      contentSkipped: 0,
      files: [],
    },
  ],
};

describe('renderDiff, whole', () => {
  it('renders every status, detail kind and key change, skipped contents and unchanged tracks', () => {
    expect(
      renderDiff(rich, {
        budget: SUMMARY_LIMIT,
        heading: 'how this pull request changes',
        marker: '<!-- m -->',
      }).split('\n'),
    ).toEqual([
      '<!-- m -->',
      '## Snapback: how this pull request changes',
      '',
      '### cfg: v3 (prod) → work tree',
      '',
      '**10 files changed**: 1 added, 7 modified, 1 renamed, 1 deleted',
      '',
      '| Change | File | Size | Details |',
      '| --- | --- | --- | --- |',
      '| 🟢 added | new.json | 2.0 KiB | 1 key |',
      '| 🔴 deleted | gone.txt | 1.0 KiB |  |',
      '| 🟡 modified | app.yml | 1.0 KiB → 2.0 KiB | 3 keys |',
      '| 🟣 type changed | run.sh | 1.0 KiB → 2.0 KiB | +3 −1 lines |',
      '| 🟡 modified | big.txt | 1.0 KiB → 2.0 KiB | +10 −0 lines (approximate \\| &lt;x&gt;) |',
      '| 🟡 modified | odd.yml | 1.0 KiB → 2.0 KiB |  (not valid YAML) |',
      '| 🟡 modified | img.png | 1.0 KiB → 2.0 KiB | binary |',
      '| 🔵 renamed | old/name.json → new/name.json (100%) | 1.0 KiB → 2.0 KiB |  |',
      '| 🟡 modified | empty.json | 1.0 KiB → 2.0 KiB | 0 keys |',
      '| 🟡 modified | one.json | 1.0 KiB → 2.0 KiB | 0 keys |',
      '',
      '<details><summary>new.json: 1 key changed</summary>',
      '',
      '| Change | Key | Before | After |',
      '| --- | --- | --- | --- |',
      '| added | (root) |  | \\{"a":1\\} |',
      '',
      '</details>',
      '',
      '<details><summary>app.yml: 3 keys changed</summary>',
      '',
      '| Change | Key | Before | After |',
      '| --- | --- | --- | --- |',
      '| changed | a.b | 1 | 2 |',
      '| removed | c | "x" |  |',
      '| added | d |  | \\[1,2\\] |',
      '',
      '</details>',
      '',
      '_Contents of 2 large or numerous files were not compared; they are listed by name only._',
      '',
      '### other: v1 → v2',
      '',
      '**1 file changed**: 1 modified',
      '',
      '| Change | File | Size | Details |',
      '| --- | --- | --- | --- |',
      '| 🟡 modified | x.json | 1.0 KiB → 2.0 KiB | 1 key |',
      '',
      '<details><summary>x.json: 1 key changed</summary>',
      '',
      '| Change | Key | Before | After |',
      '| --- | --- | --- | --- |',
      '| changed | k | "a" | "b" |',
      '',
      '</details>',
      '',
      '### same: v1 → v1',
      '',
      'No changes: the files are identical.',
      '',
      '',
    ]);
  });
});

const single = (files: FileDiff[]): DiffResult => ({
  tracks: [
    {
      track: 't',
      from: { describe: 'a', version: 1, commit: 'c' },
      to: { describe: 'b', version: 2, commit: 'd' },
      contentSkipped: 0,
      files,
    },
  ],
});
const keys = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    path: `k${i}`,
    kind: 'changed' as const,
    before: i,
    after: i + 1,
  }));
const structured = (n: number) => ({
  content: { kind: 'structured' as const, format: 'json' as const, keys: keys(n) },
});

describe('renderDiff, limits', () => {
  it('shows the limits GitHub sets', () => {
    expect(COMMENT_LIMIT).toBe(65_536);
    expect(SUMMARY_LIMIT).toBe(1_000_000);
  });

  it('lists at most 50 keys per file and counts the rest', () => {
    const text = renderDiff(single([file('a.json', structured(52))]), { budget: 100_000 });
    expect(text).toContain('| changed | k49 | 49 | 50 |\n\n\n…and 2 more keys.\n</details>\n');
    expect(text).not.toContain('| k50 |');
    expect(renderDiff(single([file('a.json', structured(50))]), { budget: 100_000 })).not.toContain(
      'more keys',
    );
  });
});
