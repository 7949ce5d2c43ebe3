import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRetention } from '../../src/core/retention.js';

const NOW = new Date('2026-06-30T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe('planRetention', () => {
  it('keeps the newest N and every aliased version', () => {
    const versions = Array.from({ length: 15 }, (_, i) => ({
      n: i + 1,
      aliases: i + 1 === 3 ? ['active'] : [],
    }));
    const plan = planRetention(versions, { keepLast: 5 }, NOW);
    expect(plan.prune).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(plan.keep.map((k) => k.n)).toEqual([3, 11, 12, 13, 14, 15]);
    expect(plan.keep[0]).toEqual({ n: 3, why: ['aliased'] });
  });

  it('keeps young versions and, with keep-days, versions of unknown age', () => {
    const plan = planRetention(
      [
        { n: 1, at: daysAgo(40), aliases: [] },
        { n: 2, at: daysAgo(20), aliases: [] },
        { n: 3, aliases: [] },
        { n: 4, at: daysAgo(1), aliases: [] },
      ],
      { keepLast: 1, keepDays: 30 },
      NOW,
    );
    expect(plan.prune).toEqual([1]);
    expect(plan.keep).toEqual([
      { n: 2, why: ['young'] },
      { n: 3, why: ['age-unknown'] },
      { n: 4, why: ['newest', 'young'] },
    ]);
  });

  it('never prunes an aliased version, one of the newest N, or a young one (any input)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        fc.func(fc.boolean()),
        fc.func(fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined })),
        (numbers, keepLast, keepDays, aliased, age) => {
          const versions = numbers.map((n) => {
            const a = age(n);
            return {
              n,
              aliases: aliased(n) ? ['x'] : [],
              at: a === undefined ? undefined : daysAgo(a),
            };
          });
          const plan = planRetention(versions, { keepLast, keepDays }, NOW);
          const newest = [...numbers].sort((a, b) => b - a).slice(0, keepLast);
          const pruned = new Set(plan.prune);
          expect(plan.prune.length + plan.keep.length).toBe(numbers.length);
          for (const v of versions) {
            const young =
              keepDays !== undefined &&
              (v.at === undefined || NOW.getTime() - v.at.getTime() < keepDays * 86_400_000);
            if (v.aliases.length > 0 || newest.includes(v.n) || young) {
              expect(pruned.has(v.n)).toBe(false);
            } else {
              expect(pruned.has(v.n)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
