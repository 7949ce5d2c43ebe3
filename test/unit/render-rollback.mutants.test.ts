// The rollback pull request's texts: title, commit message with its trailers, body and the
// closing comment.
import { describe, expect, it } from 'vitest';
import {
  ROLLBACK_TRAILERS,
  closedComment,
  rollbackBody,
  rollbackCommitMessage,
  rollbackTitle,
  type RollbackFacts,
} from '../../src/report/render-rollback.js';
import { parseTrailers } from '../../src/core/version-meta.js';

/** Character budgets for the body. */
const roomy = 10_000;
const small = 2_000;

const facts: RollbackFacts = {
  track: 'cfg',
  target: 3,
  label: '1.2.0',
  replaces: 5,
  base: 'main',
  reason: 'bad deploy',
  runUrl: 'https://github.com/o/r/actions/runs/7',
};

describe('rollback texts', () => {
  it('titles with the label on one line, cut at 80 characters', () => {
    expect(rollbackTitle(facts)).toBe('Roll back cfg to v3 (1.2.0)');
    expect(rollbackTitle({ ...facts, label: undefined })).toBe('Roll back cfg to v3');
    expect(rollbackTitle({ ...facts, label: 'a\r\nb' })).toBe('Roll back cfg to v3 (a  b)');
    expect(rollbackTitle({ ...facts, label: 'x'.repeat(90) })).toBe(
      `Roll back cfg to v3 (${'x'.repeat(80)})`,
    );
  });

  it('writes a commit message whose trailers record the rollback', () => {
    expect(ROLLBACK_TRAILERS).toEqual({
      track: 'snapback-track',
      target: 'snapback-rollback-to',
      replaces: 'snapback-replaces',
      run: 'snapback-run-url',
    });
    expect(rollbackCommitMessage({ ...facts, reason: 'line1\nsnapback-track: evil' })).toBe(
      [
        'Roll back cfg to v3 (1.2.0)',
        '',
        'Puts the files of track cfg back as version 3 recorded them, replacing v5.',
        '',
        'Reason: line1\\nsnapback-track: evil',
        '',
        'snapback-track: cfg',
        'snapback-rollback-to: 3',
        'snapback-replaces: 5',
        'snapback-run-url: https://github.com/o/r/actions/runs/7',
        '',
      ].join('\n'),
    );
    const bare = rollbackCommitMessage({
      ...facts,
      replaces: null,
      reason: undefined,
      runUrl: undefined,
    });
    expect(bare).toBe(
      'Roll back cfg to v3 (1.2.0)\n\nPuts the files of track cfg back as version 3 recorded them.\n\nsnapback-track: cfg\nsnapback-rollback-to: 3\n',
    );
    expect(parseTrailers(bare)).toEqual(
      new Map([
        ['snapback-track', 'cfg'],
        ['snapback-rollback-to', '3'],
      ]),
    );
  });

  it('writes the body: what the merge does, why, from which run, then the diff', () => {
    const body = rollbackBody(
      { ...facts, label: '<b>', reason: `@ops ${'r'.repeat(600)}` },
      { tracks: [] },
      roomy,
    );
    const [head, diff] = body.split('\n\n## Snapback: ');
    expect(head).toBe(
      [
        'Merging this puts the files of track **cfg** back as **v3** (&lt;b&gt;) recorded them, replacing v5. Files outside the track are untouched.',
        '',
        `Reason: @\u200dops ${'r'.repeat(495)}`,
        '',
        'Opened by [this run](https://github.com/o/r/actions/runs/7).',
        '',
        'After the merge, the next recording of the track notes that it rolled back to this version.',
      ].join('\n'),
    );
    expect(diff).toBe('what the merge changes in main\n\n');
  });

  it('leaves out what it does not know, and keeps the diff within the budget', () => {
    const body = rollbackBody(
      { ...facts, label: undefined, replaces: null, reason: undefined, runUrl: undefined },
      { tracks: [] },
      small,
    );
    expect(body).toBe(
      [
        'Merging this puts the files of track **cfg** back as **v3** recorded them. Files outside the track are untouched.',
        '',
        'After the merge, the next recording of the track notes that it rolled back to this version.',
        '',
        '## Snapback: what the merge changes in main',
        '',
        '',
      ].join('\n'),
    );
    const files = Array.from({ length: 500 }, (_, i) => ({
      status: 'M' as const,
      path: `f${i}.json`,
      oldPath: `f${i}.json`,
      oldMode: '100644',
      newMode: '100644',
      oldOid: 'a'.repeat(40),
      newOid: 'b'.repeat(40),
      oldSize: 1,
      newSize: 2,
      content: null,
    }));
    const diff = {
      tracks: [
        {
          track: 'cfg',
          from: { describe: 'main', version: null, commit: null },
          to: { describe: 'v3', version: 3, commit: 'c' },
          files,
          contentSkipped: 0,
        },
      ],
    };
    const big = rollbackBody(facts, diff, 5_000);
    expect(big.length).toBeLessThanOrEqual(5_000);
    expect(big.length).toBeGreaterThan(4_000);
  });

  it('closes with a comment naming the base and the version', () => {
    expect(closedComment({ ...facts, base: 'rel_1' })).toBe(
      'rel\\_1 already holds the files of cfg v3: nothing left to roll back, so snapback closed this pull request.',
    );
  });
});
