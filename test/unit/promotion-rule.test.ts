/** The auto-promotion rule as a table: each case with the decision and the reason users see. */
import { describe, expect, it } from 'vitest';
import { decidePromotion, metricValue, type PromotionRule } from '../../src/core/promotion-rule.js';

const F1: PromotionRule = {
  alias: 'active',
  metric: 'f1',
  direction: 'higher',
  high: 0.95,
  minImprovement: 0.02,
};
const LOSS: PromotionRule = {
  alias: 'champion',
  metric: 'loss',
  direction: 'lower',
  high: 0.1,
  minImprovement: 0.02,
};

type Case = [
  name: string,
  rule: PromotionRule,
  candidate: Record<string, unknown> | undefined,
  current: Record<string, unknown> | undefined | 'none',
  first: boolean,
  promote: boolean,
  reason: string,
];

const cases: Case[] = [
  ['first version', F1, { f1: 0.1 }, 'none', true, true, "v7 is the track's first version."],
  [
    'nothing holds the alias yet',
    F1,
    { f1: 0.1 },
    'none',
    false,
    true,
    "no version holds 'active' yet.",
  ],
  [
    'regression below high',
    F1,
    { f1: 0.9 },
    { f1: 0.92 },
    false,
    false,
    'f1 0.9 vs 0.92 on v6 (−0.02): needs an improvement of 0.02 (or f1 ≥ 0.95 with no regression).',
  ],
  [
    'improvement below the minimum',
    F1,
    { f1: 0.93 },
    { f1: 0.92 },
    false,
    false,
    'f1 0.93 vs 0.92 on v6 (+0.01): needs an improvement of 0.02 (or f1 ≥ 0.95 with no regression).',
  ],
  [
    'improvement exactly the minimum (floating point)',
    F1,
    { f1: 0.94 },
    { f1: 0.92 },
    false,
    true,
    'f1 0.94 vs 0.92 on v6 (+0.02): improves by at least 0.02.',
  ],
  [
    'improvement above the minimum',
    F1,
    { f1: 0.945 },
    { f1: 0.9 },
    false,
    true,
    'f1 0.945 vs 0.9 on v6 (+0.045): improves by at least 0.02.',
  ],
  [
    'at the high threshold, small gain',
    F1,
    { f1: 0.95 },
    { f1: 0.94 },
    false,
    true,
    'f1 0.95 vs 0.94 on v6 (+0.01): ≥ 0.95 with no regression.',
  ],
  [
    'above high, equal',
    F1,
    { f1: 0.97 },
    { f1: 0.97 },
    false,
    true,
    'f1 0.97 vs 0.97 on v6 (+0): ≥ 0.95 with no regression.',
  ],
  [
    'above high, regression',
    F1,
    { f1: 0.96 },
    { f1: 0.97 },
    false,
    false,
    'f1 0.96 vs 0.97 on v6 (−0.01): ≥ 0.95 but a regression.',
  ],
  [
    'candidate lacks the metric',
    F1,
    { precision: 0.99 },
    { f1: 0.9 },
    false,
    false,
    "v7 has no numeric 'f1' in its metrics; 'active' stays on v6.",
  ],
  [
    'candidate has no metrics at all',
    F1,
    undefined,
    { f1: 0.9 },
    false,
    false,
    "v7 has no numeric 'f1' in its metrics; 'active' stays on v6.",
  ],
  [
    'holder lacks the metric',
    F1,
    { f1: 0.99 },
    {},
    false,
    false,
    "v6 (holding 'active') has no numeric 'f1' to compare with; promote by hand to start the rule.",
  ],
  [
    'metric as a numeric string',
    F1,
    { f1: '0.96' },
    { f1: 0.5 },
    false,
    true,
    'f1 0.96 vs 0.5 on v6 (+0.46): ≥ 0.95 with no regression.',
  ],
  [
    'lower is better: enough improvement',
    LOSS,
    { loss: 0.3 },
    { loss: 0.35 },
    false,
    true,
    'loss 0.3 vs 0.35 on v6 (−0.05): improves by at least 0.02.',
  ],
  [
    'lower is better: too little',
    LOSS,
    { loss: 0.34 },
    { loss: 0.35 },
    false,
    false,
    'loss 0.34 vs 0.35 on v6 (−0.01): needs an improvement of 0.02 (or loss ≤ 0.1 with no regression).',
  ],
  [
    'lower is better: past high but worse',
    LOSS,
    { loss: 0.09 },
    { loss: 0.08 },
    false,
    false,
    'loss 0.09 vs 0.08 on v6 (+0.01): ≤ 0.1 but a regression.',
  ],
];

describe('decidePromotion', () => {
  it.each(cases)('%s', (_name, rule, candidate, current, first, promote, reason) => {
    const decision = decidePromotion(
      rule,
      { version: 7, metrics: candidate },
      current === 'none' ? undefined : { version: 6, metrics: current },
      first,
    );
    expect(decision).toEqual({ promote, reason });
  });

  it('does nothing when the candidate already holds the alias', () => {
    expect(decidePromotion(F1, { version: 6 }, { version: 6 }, false)).toEqual({
      promote: false,
      reason: "v6 already holds 'active'.",
    });
  });

  it('without a high threshold, always needs the improvement', () => {
    const rule = { ...F1, high: undefined };
    expect(
      decidePromotion(
        rule,
        { version: 2, metrics: { f1: 0.99 } },
        { version: 1, metrics: { f1: 0.98 } },
        false,
      ),
    ).toEqual({
      promote: false,
      reason: 'f1 0.99 vs 0.98 on v1 (+0.01): needs an improvement of 0.02.',
    });
  });
});

describe('metricValue', () => {
  it('reads exact keys first, then dotted paths; ignores non-numbers', () => {
    const m = { 'eval.f1': 0.5, eval: { f1: 0.7, name: 'x' }, nan: Number.NaN, s: '1e-3' };
    expect(metricValue(m, 'eval.f1')).toBe(0.5);
    expect(metricValue({ eval: { f1: 0.7 } }, 'eval.f1')).toBe(0.7);
    expect(metricValue(m, 'eval.name')).toBeUndefined();
    expect(metricValue(m, 'nan')).toBeUndefined();
    expect(metricValue(m, 's')).toBe(0.001);
    expect(metricValue({ a: { constructor: 1 } }, 'a.toString')).toBeUndefined();
    expect(metricValue(undefined, 'f1')).toBeUndefined();
  });
});
