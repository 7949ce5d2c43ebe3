// The record job summary, line by line: every status, the change cell, the per-track file
// list and its cap, and the facts line.
import { describe, expect, it } from 'vitest';
import type { TrackResult } from '../../src/commands/record.js';
import type { TreeChange } from '../../src/git/git.js';
import { summarizeChanges } from '../../src/core/change-summary.js';
import { renderRecordSummary } from '../../src/report/render-record.js';

function change(status: TreeChange['status'], path: string, oldSize = 0, newSize = 0): TreeChange {
  return {
    status,
    path,
    oldPath: path,
    oldMode: status === 'A' ? null : '100644',
    newMode: status === 'D' ? null : '100644',
    oldOid: status === 'A' ? null : 'a'.repeat(40),
    newOid: status === 'D' ? null : 'b'.repeat(40),
    oldSize,
    newSize,
  };
}

function track(extra: Partial<TrackResult>): TrackResult {
  return {
    track: 'config',
    status: 'recorded',
    version: 4,
    previousVersion: 3,
    ref: 'refs/versions/config/4',
    commit: 'c'.repeat(40),
    label: '1.2.0',
    files: 7,
    bytes: 2048,
    changes: null,
    foundAgain: false,
    ...extra,
  };
}

const SOURCE = '0123456789abcdef0123456789abcdef01234567';

describe('summarizeChanges', () => {
  it('counts additions, deletions and every other status as modified, and sums sizes', () => {
    const s = summarizeChanges([
      change('A', 'a', 0, 5),
      change('D', 'd', 7, 0),
      change('M', 'm', 10, 20),
      change('T', 't', 1, 2),
      change('R', 'r', 3, 3),
    ]);
    expect(s).toMatchObject({ added: 1, deleted: 1, modified: 3, bytesBefore: 21, bytesAfter: 30 });
    expect(s.changes.map((c) => c.path)).toEqual(['a', 'd', 'm', 't', 'r']);
  });

  it('starts from zero', () => {
    expect(summarizeChanges([])).toEqual({
      added: 0,
      modified: 0,
      deleted: 0,
      bytesBefore: 0,
      bytesAfter: 0,
      changes: [],
    });
  });
});

describe('renderRecordSummary', () => {
  it('renders a recorded track with its changes, file list, reason and run link', () => {
    const changes = summarizeChanges([
      change('A', 'new.json', 0, 100),
      change('D', 'old.json', 3000, 0),
      change('M', 'app.yml', 10, 20),
      change('T', 'link', 5, 6),
    ]);
    const text = renderRecordSummary(
      { sourceCommit: SOURCE, tracks: [track({ changes })] },
      { runUrl: 'https://github.com/o/r/actions/runs/9', reason: 'nightly | <b>' },
    );
    expect(text).toBe(
      [
        '## Snapback: record',
        '',
        '| Track | Result | Version | Label | Files | Size | Changes |',
        '| --- | --- | --- | --- | ---: | ---: | --- |',
        '| config | ✅ recorded | v4 | 1.2.0 | 7 | 2.0 KiB | +1 ~2 −1 (-2.8 KiB) vs v3 |',
        '',
        '<details><summary>config: 4 files changed</summary>',
        '',
        '| | File | Before | After |',
        '| --- | --- | ---: | ---: |',
        '| added | new.json |  | 100 B |',
        '| deleted | old.json | 2.9 KiB |  |',
        '| modified | app.yml | 10 B | 20 B |',
        '| type changed | link | 5 B | 6 B |',
        '',
        '</details>',
        '',
        'Source commit `0123456789ab` · reason: nightly \\| &lt;b&gt; · [this run](https://github.com/o/r/actions/runs/9)',
        '',
        'Inspect with plain git:',
        '```sh',
        "git fetch origin 'refs/versions/*:refs/versions/*' 'refs/notes/versions:refs/notes/versions'",
        'git log --notes=versions -1 refs/versions/config/4',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('names each status, a first version, a retry find and growth with a plus sign', () => {
    const one = summarizeChanges([change('A', 'only.json', 0, 2048)]);
    const text = renderRecordSummary(
      {
        sourceCommit: SOURCE,
        tracks: [
          track({ track: 'a', changes: one, previousVersion: null, version: 1, foundAgain: true }),
          track({ track: 'b', status: 'unchanged', changes: null }),
          track({ track: 'c', status: 'dry-run', changes: null }),
          track({ track: 'd', status: 'recorded', changes: null, ref: 'refs/versions/d/4' }),
        ],
      },
      {},
    );
    const rows = text.split('\n').filter((l) => /^\| [a-d] \|/.test(l));
    expect(rows).toEqual([
      '| a | ✅ recorded (found after a retry) | v1 | 1.2.0 | 7 | 2.0 KiB | +1 ~0 −0 (+2.0 KiB) first version |',
      '| b | ⏸️ unchanged | v4 | 1.2.0 | 7 | 2.0 KiB | same content as the latest version |',
      '| c | 🔍 dry run: would record | v4 | 1.2.0 | 7 | 2.0 KiB |  |',
      '| d | ✅ recorded | v4 | 1.2.0 | 7 | 2.0 KiB |  |',
    ]);
    expect(text).toContain('<details><summary>a: 1 file changed</summary>');
    // No reason, no run: the facts line is the source commit alone.
    expect(text).toContain('\nSource commit `0123456789ab`\n');
    // Only the first three tracks get a git command.
    expect(text).toContain('git log --notes=versions -1 refs/versions/config/4\n```');
    expect(text.match(/git log --notes/g)).toHaveLength(3);
  });

  it('escapes track names, labels, paths and the reason, and links only http(s) runs', () => {
    const evil = '<img src=x>|@team';
    const text = renderRecordSummary(
      {
        sourceCommit: SOURCE,
        tracks: [track({ label: evil, changes: summarizeChanges([change('M', evil, 1, 2)]) })],
      },
      { runUrl: 'javascript:alert(1)', reason: 'x'.repeat(400) },
    );
    expect(text).not.toContain('<img');
    expect(text).not.toContain('@team');
    expect(text).toContain('| modified | &lt;img src=x&gt;\\|@\u200dteam | 1 B | 2 B |');
    expect(text).not.toContain('](javascript');
    expect(text).toContain(' · this run');
    expect(text).toContain(`reason: ${'x'.repeat(299)}…`);
  });
});
