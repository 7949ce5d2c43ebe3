import { describe, expect, it } from 'vitest';
import {
  driftErrors,
  driftLevel,
  driftOf,
  driftWarnings,
  worstLevel,
} from '../../src/core/drift.js';

const HOUR = 3_600_000;
const now = new Date('2026-01-10T00:00:00Z');
const versions = [
  { n: 1, at: '2026-01-01T00:00:00Z' },
  { n: 2, at: '2026-01-05T00:00:00Z' },
  { n: 3, at: '2026-01-08T00:00:00Z' },
  { n: 4, at: '2026-01-09T00:00:00Z' },
];

describe('drift levels', () => {
  const d = driftOf('production', 1, versions, now); // 3 behind, for 5 days
  const t = { versions: 1, ageMs: 24 * HOUR, failVersions: 2, failAgeMs: 7 * 24 * HOUR };

  it('passes the warning and failure thresholds separately', () => {
    expect(driftWarnings(d, t)).toEqual([
      '3 versions behind (threshold 1)',
      'behind for 5d (threshold 1d)',
    ]);
    expect(driftErrors(d, t)).toEqual(['3 versions behind (failure threshold 2)']);
    expect(driftErrors(d, { ...t, failVersions: 3 })).toEqual([]);
    expect(driftErrors(d, { failAgeMs: 4 * 24 * HOUR })).toEqual([
      'behind for 5d (failure threshold 4d)',
    ]);
    expect(driftErrors(d, { versions: 0, ageMs: 0 })).toEqual([]);
  });

  it('names the highest level passed', () => {
    expect(driftLevel(driftWarnings(d, t), driftErrors(d, t))).toBe('error');
    expect(driftLevel(['x'], [])).toBe('warning');
    expect(driftLevel([], [])).toBe('none');
    // A current alias passes nothing, however strict the thresholds.
    const current = driftOf('production', 4, versions, now);
    const strict = { versions: 0, ageMs: 0, failVersions: 0, failAgeMs: 0 };
    expect(driftLevel(driftWarnings(current, strict), driftErrors(current, strict))).toBe('none');
    expect(worstLevel([])).toBe('none');
    expect(worstLevel(['none', 'warning', 'none'])).toBe('warning');
    expect(worstLevel(['warning', 'error', 'warning'])).toBe('error');
    expect(worstLevel(['error', 'none'])).toBe('error');
  });
});
