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
