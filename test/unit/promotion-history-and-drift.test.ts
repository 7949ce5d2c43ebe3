import { describe, expect, it } from 'vitest';
import { promotionHistory } from '../../src/core/promotion-history.js';
import { driftOf, driftWarnings } from '../../src/core/drift.js';
import { formatDuration, parseDuration } from '../../src/core/duration.js';
import type { NoteEvent } from '../../src/core/notes-format.js';

const ev = (event: string, version: number, at: string, extra: Record<string, unknown> = {}) =>
  ({
    schema: 1,
    event,
    track: 't',
    version,
    at: `2026-01-0${at}T00:00:00.000Z`,
    ...extra,
  }) as NoteEvent;

describe('promotionHistory', () => {
  it('turns promoted and demoted events into tenures, per alias, in time order', () => {
    const events = [
      ev('promoted', 3, '5', { alias: 'prod', reason: 'hotfix' }),
      ev('recorded', 1, '1'),
      ev('promoted', 1, '1', { alias: 'prod', rule: "v1 is the track's first version." }),
      ev('promoted', 2, '2', { alias: 'staging' }),
      ev('demoted', 2, '4', { alias: 'staging' }),
      ev('promoted', 3, '6', { alias: 'prod' }), // again onto itself: no new tenure
      { ...ev('promoted', 9, '7', { alias: 'prod' }), track: 'other' },
    ];
    const h = promotionHistory('t', events);
    expect(
      h.map((t) => [t.alias, t.version, t.from.slice(0, 10), t.until?.slice(0, 10) ?? null]),
    ).toEqual([
      ['prod', 1, '2026-01-01', '2026-01-05'],
      ['staging', 2, '2026-01-02', '2026-01-04'],
      ['prod', 3, '2026-01-05', null],
    ]);
    expect(h[0]!.rule).toBe("v1 is the track's first version.");
    expect(h[2]!.reason).toBe('hotfix');
  });
});

describe('drift', () => {
  const versions = [
    { n: 3, at: '2026-01-01T00:00:00Z' },
    { n: 5, at: '2026-01-03T00:00:00Z' },
    { n: 6, at: '2026-01-05T00:00:00Z' },
  ];
  const now = new Date('2026-01-10T00:00:00Z');

  it('counts the versions after the aliased one and the time since the first of them', () => {
    const d = driftOf('prod', 3, versions, now);
    expect(d).toMatchObject({ behind: 2, latest: 6, behindSince: '2026-01-03T00:00:00Z' });
    expect(d.ageMs).toBe(7 * 86_400_000);
    expect(driftWarnings(d, { versions: 1, ageMs: parseDuration('6d', 'x') })).toEqual([
      '2 versions behind (threshold 1)',
      'behind for 7d (threshold 6d)',
    ]);
    expect(driftWarnings(d, { versions: 2, ageMs: parseDuration('1w', 'x') })).toEqual([]);
    expect(driftOf('prod', 6, versions, now)).toMatchObject({
      behind: 0,
      ageMs: 0,
      behindSince: null,
    });
  });

  it('parses and prints durations', () => {
    expect(parseDuration('12h', 'x')).toBe(12 * 3_600_000);
    expect(parseDuration('30', 'x')).toBe(30 * 86_400_000);
    expect(parseDuration('90m', 'x')).toBe(90 * 60_000);
    expect(() => parseDuration('a week', 'drift-warn-age')).toThrow(
      /drift-warn-age.*'a week' is not a duration/,
    );
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000)).toBe('3d 4h');
    expect(formatDuration(65 * 60_000)).toBe('1h 5m');
    expect(formatDuration(10_000)).toBe('under a minute');
  });
});
