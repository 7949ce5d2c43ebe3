// The config file's refusals, each with the line it points at and what would be valid.
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../src/config/config-file.js';
import { SnapbackError } from '../../src/errors.js';

const AT = "Input 'config': .github/snapback.yml";

function refusal(text: string): SnapbackError {
  try {
    parseConfigFile(text, '.github/snapback.yml');
  } catch (e) {
    expect(e).toBeInstanceOf(SnapbackError);
    return e as SnapbackError;
  }
  throw new Error('accepted');
}

describe('config file refusals', () => {
  it.each([
    [
      'tracks:\n  a: [\n',
      `${AT}:3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n  a:\n    paths: y\n',
      `${AT}:4: not valid YAML: Map keys must be unique`,
    ],
    ['version: 1\ntrack:\n  a:\n    paths: x\n', `${AT}:2: unknown key 'track'`],
    ['tracks:\n  a:\n    paths: x\n    keep: 3\n', `${AT}:4: unknown key 'keep' at tracks.a.keep`],
    [
      'tracks:\n  a:\n    paths: x\n    promote:\n      metric: f1\n      min: 1\n',
      `${AT}:6: unknown key 'min' at tracks.a.promote.min`,
    ],
    [
      'tracks:\n  ok:\n    paths: x\n  Bad:\n    paths: y\n',
      `${AT}:4: 'Bad' is not a valid track name: use lowercase letters, digits, ".", "_" and "-", start with a letter or digit, at most 64 characters`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    promote:\n      metric: f1\n      alias: 3\n',
      `${AT}:6: tracks.a.promote.alias: expected an alias name, like active`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    promote:\n      metric: f1\n      direction: up\n',
      `${AT}:6: tracks.a.promote.direction: expected higher or lower (which way is better)`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    promote:\n      metric: f1\n      high: "x"\n',
      `${AT}:6: tracks.a.promote.high: expected a number, like 0.95`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    max-file-size: [1]\n',
      `${AT}:4: tracks.a.max-file-size: expected a size such as "100 MB"`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    keep-days: "x"\n',
      `${AT}:4: tracks.a.keep-days: expected a number of days, from 0 to 36500`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    drift-warn-versions: "x"\n',
      `${AT}:4: tracks.a.drift-warn-versions: expected a whole number of versions, at least 0`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    drift-warn-age: [1]\n',
      `${AT}:4: tracks.a.drift-warn-age: expected a duration such as "7d" or "12h"`,
    ],
    ['tracks: [a]\n', `${AT}:1: tracks: expected a mapping of track names to track settings`],
    [
      'tracks:\n  a:\n    metrics: m.json\n',
      `${AT}:3: tracks.a.paths: expected a glob or a list of globs, like "config/**/*.json"`,
    ],
    [
      'tracks:\n  a:\n    paths: 3\n',
      `${AT}:3: tracks.a.paths: expected a glob or a list of globs, like "config/**/*.json"`,
    ],
    [
      'tracks:\n  a:\n    paths: x\n    keep-last: 0\n',
      `${AT}:4: tracks.a.keep-last: expected a whole number of at least 1`,
    ],
    ['', `${AT}: tracks: expected a mapping of track names to track settings`],
    ['tracks: {}\n', `${AT}:1: tracks: declare at least one track`],
    [
      'tracks:\n  a:\n    paths: [x, 3]\n',
      `${AT}:3: tracks.a.paths: expected a glob or a list of globs, like "config/**/*.json"`,
    ],
  ])('refuses %j', (text, message) => {
    const e = refusal(text);
    expect(e.message).toBe(message);
    expect(e.code).toBe('invalid-config');
    expect(e.hint).toBe(
      'Expected: "tracks:" mapping track names to { paths, max-file-size?, metrics?, include-workflows?, keep-last?, keep-days?, promote?: { metric, alias?, direction?, high?, min-improvement? }, drift-warn-versions?, drift-warn-age?, drift-fail-versions?, drift-fail-age? }. See the README section "Config file".',
    );
  });
});

describe('config file values', () => {
  it('reads every setting of a track, splitting path strings and lists alike', () => {
    const text = [
      'version: 1',
      'tracks:',
      '  a:',
      '    paths: "x/**, !x/*.tmp"',
      '  b:',
      '    paths: [m/**, "c/**, d/**"]',
      '    max-file-size: 1024',
      '    metrics: out/m.json',
      '    keep-last: 2',
      '    keep-days: 0.5',
      '    promote:',
      '      metric: f1',
      '      alias: prod',
      '      direction: lower',
      '      high: 0.9',
      '      min-improvement: 0',
      '    drift-warn-versions: 0',
      '    drift-warn-age: 12h',
    ].join('\n');
    expect(parseConfigFile(text, 'f.yml')).toEqual({
      tracks: [
        {
          name: 'a',
          patterns: ['x/**', '!x/*.tmp'],
          maxFileSize: undefined,
          metrics: undefined,
          keepLast: undefined,
          keepDays: undefined,
          promote: undefined,
          driftWarnVersions: undefined,
          driftWarnAge: undefined,
        },
        {
          name: 'b',
          patterns: ['m/**', 'c/**', 'd/**'],
          maxFileSize: 1024,
          metrics: 'out/m.json',
          keepLast: 2,
          keepDays: 0.5,
          promote: {
            metric: 'f1',
            alias: 'prod',
            direction: 'lower',
            high: 0.9,
            minImprovement: 0,
          },
          driftWarnVersions: 0,
          driftWarnAge: '12h',
        },
      ],
    });
  });

  it('names the file without a line when it cannot point at one', () => {
    expect(refusal('').message).toBe(
      "Input 'config': .github/snapback.yml: tracks: expected a mapping of track names to track settings",
    );
  });
});
