import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../src/config/config-file.js';

const parse = (text: string) => parseConfigFile(text, '.github/snapback.yml');

describe('config file', () => {
  it('reads tracks with string or list paths', () => {
    expect(
      parse(
        'tracks:\n  config:\n    paths: "**/*.json, **/*.{yml,yaml}"\n  models:\n    paths: [models/**, "!**/*.tmp"]\n    max-file-size: 50 MB\n',
      ),
    ).toEqual({
      tracks: [
        {
          name: 'config',
          patterns: ['**/*.json', '**/*.{yml,yaml}'],
          maxFileSize: undefined,
          metrics: undefined,
        },
        {
          name: 'models',
          patterns: ['models/**', '!**/*.tmp'],
          maxFileSize: '50 MB',
          metrics: undefined,
        },
      ],
    });
  });

  it('reads retention, promotion and drift settings per track', () => {
    const t = parse(
      'tracks:\n  head:\n    paths: m/**\n    keep-last: 5\n    keep-days: 30\n    promote:\n      metric: f1\n      alias: champion\n      direction: higher\n      high: 0.95\n      min-improvement: 0.02\n    drift-warn-versions: 3\n    drift-warn-age: 7d\n',
    ).tracks[0];
    expect(t).toMatchObject({
      keepLast: 5,
      keepDays: 30,
      promote: {
        metric: 'f1',
        alias: 'champion',
        direction: 'higher',
        high: 0.95,
        minImprovement: 0.02,
      },
      driftWarnVersions: 3,
      driftWarnAge: '7d',
    });
  });

  it.each([
    ['    keep-last: 0\n', /:4: tracks\.t\.keep-last: /],
    ['    keep-last: many\n', /:4: .*expected a whole number of at least 1/],
    [
      '    keep-days: 1e300\n',
      /:4: tracks\.t\.keep-days: expected a number of days, from 0 to 36500/,
    ],
    [
      '    include-workflows: yes please\n',
      /:4: tracks\.t\.include-workflows: expected true or false/,
    ],
    ['    promote:\n      metric: f1\n      direction: up\n', /:6: .*expected higher or lower/],
    [
      '    promote:\n      high: 0.9\n',
      /:5: tracks\.t\.promote\.metric: expected the name of a metric/,
    ],
    [
      '    promote:\n      metric: f1\n      min-improvment: 0.1\n',
      /:6: unknown key 'min-improvment'/,
    ],
  ])('refuses bad policy settings with their line: %s', (extra, message) => {
    expect(() => parse(`tracks:\n  t:\n    paths: x\n${extra}`)).toThrow(message);
  });

  it.each([
    [
      'tracks:\n  config:\n    paths: x\n    colour: red\n',
      /snapback\.yml:4: unknown key 'colour'/,
    ],
    [
      'tracks:\n  Bad/Name:\n    paths: x\n',
      /snapback\.yml:2: 'Bad\/Name' is not a valid track name/,
    ],
    ['tracks:\n  config:\n    pathz: x\n', /snapback\.yml:3: unknown key 'pathz'/],
    [
      'tracks:\n  a:\n    paths: x\n  b:\n    paths:\n      - 1\n',
      /snapback\.yml:6: tracks\.b\.paths: expected a glob/,
    ],
    ['tracks: [\n', /snapback\.yml:\d+: not valid YAML/],
    ['tracks: {}\n', /declare at least one track/],
    ['trakcs:\n  a: {paths: x}\n', /snapback\.yml:1: unknown key 'trakcs'/],
  ])('reports mistakes with their line (%#)', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});
