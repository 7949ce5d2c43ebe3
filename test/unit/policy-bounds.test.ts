/**
 * Every policy setting's bounds, from the action inputs and from the config file: an
 * out-of-range value is refused with the input (or config field) it came from, and the values
 * at each bound are accepted.
 */
import { describe, expect, it } from 'vitest';
import { resolvePolicies, parseNonNegativeInt, type PolicyInputs } from '../../src/inputs.js';
import { parseConfigFile } from '../../src/config/config-file.js';
import { parseSize } from '../../src/core/size.js';
import { InputError, SnapbackError } from '../../src/errors.js';

const NONE: PolicyInputs = {
  keepLast: '',
  keepDays: '',
  alias: '',
  promoteMetric: '',
  promoteHigh: '',
  promoteMinImprovement: '',
  promoteDirection: '',
  driftWarnVersions: '',
  driftWarnAge: '',
};

const WHERE = 'config (.github/snapback.yml, tracks.m';

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected a refusal, got none');
}

describe('policy inputs', () => {
  const bad: [Partial<PolicyInputs>, string, RegExp][] = [
    [{ keepLast: '0' }, 'keep-last', /'0' is not a whole number of at least 1/],
    [{ keepLast: '-1' }, 'keep-last', /'-1' is not a whole number/],
    [{ keepLast: '2.5' }, 'keep-last', /'2\.5' is not a whole number/],
    [{ keepLast: 'ten' }, 'keep-last', /'ten'/],
    [{ keepDays: '-1' }, 'keep-days', /must be 0 or more, got -1/],
    [{ keepDays: '-0.5' }, 'keep-days', /must be 0 or more/],
    [{ keepDays: 'soon' }, 'keep-days', /'soon' is not a number/],
    [{ keepDays: '1e3' }, 'keep-days', /'1e3' is not a number/],
    [{ alias: 'latest' }, 'alias', /'latest' is not a valid alias name/],
    [{ alias: 'Prod!' }, 'alias', /not a valid alias name/],
    [{ promoteMetric: 'f1', promoteHigh: 'high' }, 'promote-high', /'high' is not a number/],
    [
      { promoteMetric: 'f1', promoteMinImprovement: '-0.01' },
      'promote-min-improvement',
      /must be 0 or more, got -0\.01/,
    ],
    [
      { promoteMetric: 'f1', promoteMinImprovement: 'lots' },
      'promote-min-improvement',
      /'lots' is not a number/,
    ],
    [{ promoteMetric: 'f1', promoteDirection: 'up' }, 'promote-direction', /'up'/],
    [{ promoteMetric: 'f1', promoteDirection: 'HIGHER' }, 'promote-direction', /'HIGHER'/],
    [{ promoteDirection: 'sideways' }, 'promote-direction', /'sideways' is not a direction/],
    [{ promoteHigh: '0.9' }, 'promote-metric', /is empty/],
    [{ promoteMinImprovement: '0.1' }, 'promote-metric', /is empty/],
    [{ driftWarnVersions: '-1' }, 'drift-warn-versions', /'-1' is not a whole number/],
    [{ driftWarnVersions: '1.5' }, 'drift-warn-versions', /'1\.5'/],
    [{ driftWarnVersions: 'three' }, 'drift-warn-versions', /'three'/],
    [{ driftWarnAge: '-1d' }, 'drift-warn-age', /'-1d' is not a duration/],
    [{ driftWarnAge: 'a week' }, 'drift-warn-age', /'a week' is not a duration/],
    [{ driftWarnAge: '7 days' }, 'drift-warn-age', /not a duration/],
  ];

  it.each(bad)('refuses %o, naming %s', (inputs, input, message) => {
    const e = refusal(() => resolvePolicies({ ...NONE, ...inputs }, undefined, ''));
    expect(e.input).toBe(input);
    expect(e.message).toMatch(new RegExp(`^Input '${input}': `));
    expect(e.message).toMatch(message);
  });

  it.each(bad)(
    'refuses %o even when the config entry sets that policy itself, naming %s',
    (inputs, input) => {
      const entry = {
        name: 'm',
        patterns: ['m/**'],
        keepLast: 3,
        keepDays: 1,
        promote: { metric: 'f1' },
        driftWarnVersions: 1,
        driftWarnAge: '1d',
      };
      const e = refusal(() => resolvePolicies({ ...NONE, ...inputs }, entry, WHERE));
      expect(e.input).toBe(input);
    },
  );

  it.each(bad)(
    'refuses %o under a config entry without that policy, naming %s',
    (inputs, input) => {
      const e = refusal(() =>
        resolvePolicies({ ...NONE, ...inputs }, { name: 'm', patterns: ['m/**'] }, WHERE),
      );
      expect(e.input).toBe(input);
    },
  );

  it('accepts every bound', () => {
    const p = resolvePolicies(
      {
        ...NONE,
        keepLast: '1',
        keepDays: '0',
        promoteMetric: 'loss',
        promoteHigh: '-1.5',
        promoteMinImprovement: '0',
        promoteDirection: 'lower',
        driftWarnVersions: '0',
        driftWarnAge: '0',
      },
      undefined,
      '',
    );
    expect(p.retention).toEqual({ keepLast: 1, keepDays: 0 });
    expect(p.promotion).toMatchObject({ direction: 'lower', high: -1.5, minImprovement: 0 });
    expect(p.drift).toEqual({ versions: 0, ageMs: 0 });
  });

  it('refuses bad sizes and version numbers, naming the input', () => {
    for (const size of ['0', '-1', '0.1', 'huge', '1 TB', '']) {
      expect(refusal(() => parseSize(size, 'max-file-size')).input, size).toBe('max-file-size');
    }
    expect(parseSize('1', 'max-file-size')).toBe(1);
    for (const n of ['-1', 'v3', '1.0', '1e2']) {
      expect(refusal(() => parseNonNegativeInt(n, 'expected-version')).input, n).toBe(
        'expected-version',
      );
    }
    expect(parseNonNegativeInt('0', 'expected-version')).toBe(0);
  });
});

describe('policy settings in the config file', () => {
  const parse = (extra: string) =>
    parseConfigFile(`tracks:\n  m:\n    paths: m/**\n${extra}`, '.github/snapback.yml');
  const configRefusal = (fn: () => unknown): SnapbackError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(SnapbackError);
      return e as SnapbackError;
    }
    throw new Error('expected a refusal, got none');
  };

  it.each([
    ['    keep-last: 0\n', 'tracks.m.keep-last'],
    ['    keep-last: -2\n', 'tracks.m.keep-last'],
    ['    keep-last: 1.5\n', 'tracks.m.keep-last'],
    ['    keep-last: "3"\n', 'tracks.m.keep-last'],
    ['    keep-days: -1\n', 'tracks.m.keep-days'],
    ['    keep-days: soon\n', 'tracks.m.keep-days'],
    ['    keep-days: .inf\n', 'tracks.m.keep-days'],
    ['    drift-warn-versions: -1\n', 'tracks.m.drift-warn-versions'],
    ['    drift-warn-versions: 0.5\n', 'tracks.m.drift-warn-versions'],
    ['    drift-warn-age: [7d]\n', 'tracks.m.drift-warn-age'],
    ['    max-file-size: [1]\n', 'tracks.m.max-file-size'],
    ['    promote:\n      metric: ""\n', 'tracks.m.promote.metric'],
    ['    promote:\n      metric: f1\n      direction: up\n', 'tracks.m.promote.direction'],
    ['    promote:\n      metric: f1\n      high: high\n', 'tracks.m.promote.high'],
    [
      '    promote:\n      metric: f1\n      min-improvement: -0.01\n',
      'tracks.m.promote.min-improvement',
    ],
    ['    keep_last: 3\n', "unknown key 'keep_last'"],
  ])('refuses %j, naming %s', (extra, field) => {
    const e = configRefusal(() => parse(extra));
    expect(e.code).toBe('invalid-config');
    expect(e.message).toMatch(/^Input 'config': \.github\/snapback\.yml:\d+: /);
    expect(e.message).toContain(field);
  });

  it.each([
    ['    drift-warn-age: -3\n', 'drift-warn-age'],
    ['    drift-warn-age: soon\n', 'drift-warn-age'],
    ['    promote:\n      metric: f1\n      alias: Latest!\n', 'promote.alias'],
  ])('refuses %j once resolved, naming the field %s', (extra, field) => {
    const entry = parse(extra).tracks[0]!;
    const e = refusal(() => resolvePolicies(NONE, entry, WHERE));
    expect(e.input).toBe(`${WHERE}.${field})`);
  });

  it('accepts every bound', () => {
    const entry = parse(
      '    keep-last: 1\n    keep-days: 0\n    drift-warn-versions: 0\n    drift-warn-age: 0\n    promote:\n      metric: f1\n      min-improvement: 0\n      high: -1\n',
    ).tracks[0]!;
    const p = resolvePolicies(NONE, entry, WHERE);
    expect(p.retention).toEqual({ keepLast: 1, keepDays: 0 });
    expect(p.promotion).toMatchObject({ minImprovement: 0, high: -1 });
    expect(p.drift).toEqual({ versions: 0, ageMs: 0 });
  });
});
