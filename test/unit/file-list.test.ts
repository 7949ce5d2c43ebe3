import { describe, expect, it } from 'vitest';
import { byFolder, cutNotice, folderTable, type ChangeKind } from '../../src/report/file-list.js';
import { cutUtf8 } from '../../src/report/render-diff.js';

const f = (path: string, kind: ChangeKind = 'modified') => ({ path, kind });

describe('changed files by folder', () => {
  it('groups two levels deep, counts each kind, largest folders first', () => {
    const rows = byFolder([
      f('models/head/w.bin'),
      f('models/head/x.bin', 'added'),
      f('models/tail/y.bin', 'deleted'),
      f('README.md', 'renamed'),
      f('models/head/deep/z.bin'),
    ]);
    expect(rows.map((r) => [r.folder, r.total])).toEqual([
      ['models/head/', 3],
      ['(top level)', 1],
      ['models/tail/', 1],
    ]);
    expect(rows[0]!.counts).toEqual({ added: 1, modified: 2, deleted: 0, renamed: 0 });
  });

  it('falls back to one level when two give too many folders', () => {
    const files = Array.from({ length: 40 }, (_, i) => f(`gen/p${i}/a.json`));
    expect(byFolder(files).map((r) => r.folder)).toEqual(['gen/']);
  });

  it('sums the folders past the table into one row, and escapes folder names', () => {
    const files = Array.from({ length: 30 }, (_, i) => f(`d${String(i).padStart(2, '0')}_x|y/a`));
    const table = folderTable(files);
    expect(table).toHaveLength(2 + 20 + 1);
    expect(table[2]).toBe('| d00\\_x\\|y/ |  | 1 |  |  |');
    expect(table.at(-1)).toBe('| 10 more folders |  | 10 |  |  |');
  });

  it('says how much of a cut list is shown and where every file is', () => {
    expect(cutNotice(1_234, 20_000, 'the `changes-file` output')).toBe(
      "Showing 1,234 of 20,000 files to stay within GitHub's size limit; every file is in the `changes-file` output.",
    );
  });
});

describe('record summary with many changed files', () => {
  it('shows the folders, the first files, and the same notice as the diff', async () => {
    const { renderRecordSummary } = await import('../../src/report/render-record.js');
    const changes = Array.from({ length: 120 }, (_, i) => ({
      status: i < 100 ? 'M' : 'A',
      path: `gen/part-${i % 3}/file-${i}.json`,
      oldOid: 'a'.repeat(40),
      newOid: 'b'.repeat(40),
      oldSize: 10,
      newSize: 12,
    }));
    const text = renderRecordSummary(
      {
        sourceCommit: 'c'.repeat(40),
        tracks: [
          {
            track: 'generated',
            status: 'recorded',
            version: 4,
            previousVersion: 3,
            ref: 'refs/versions/generated/4',
            label: '1.0.0',
            files: 120,
            bytes: 1440,
            changes: {
              added: 20,
              modified: 100,
              deleted: 0,
              bytesBefore: 1000,
              bytesAfter: 1440,
              changes,
            },
          },
        ],
      } as never,
      {},
    );
    expect(text).toContain('| gen/part-0/ | 6 | 34 |  |  |');
    expect(text).toContain(
      "Showing 50 of 120 files to stay within GitHub's size limit; every file is in a `diff` from v3 to v4 (its `changes-file` output).",
    );
    expect(
      text.split('\n').filter((l) => l.startsWith('| modified |') || l.startsWith('| added |')),
    ).toHaveLength(50);
  });
});

describe('cutUtf8', () => {
  it('cuts between characters, never inside one, and never past the limit', () => {
    const text = 'ab€dé中';
    expect(cutUtf8(text, 100)).toBe(text);
    expect(cutUtf8(text, 2)).toBe('ab');
    expect(cutUtf8(text, 3)).toBe('ab'); // € is three bytes
    expect(cutUtf8(text, 4)).toBe('ab');
    expect(cutUtf8(text, 5)).toBe('ab€');
    for (let n = 0; n <= Buffer.byteLength(text); n++) {
      const cut = cutUtf8(text, n);
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(n);
      expect(cut).not.toContain('\uFFFD');
      expect(text.startsWith(cut)).toBe(true);
    }
  });
});
