import { describe, expect, it } from 'vitest';
import { parsePatterns, splitPatterns, trackMatcher } from '../../src/core/globs.js';
import { InputError } from '../../src/errors.js';

describe('splitPatterns', () => {
  it('splits on newlines and top-level commas, keeping brace lists whole', () => {
    expect(
      splitPatterns('**/*.json\n**/*.{yml,yaml,toml}, models/**\n\n# comment\n!node_modules/**'),
    ).toEqual(['**/*.json', '**/*.{yml,yaml,toml}', 'models/**', '!node_modules/**']);
  });
});

describe('parsePatterns', () => {
  it('separates excludes and lets a plain name match a folder too', () => {
    expect(parsePatterns(['models', 'cfg/', '!**/*.tmp', './a/*.json'])).toEqual({
      include: ['models', 'models/**', 'cfg/**', 'a/*.json'],
      exclude: ['**/*.tmp'],
    });
  });

  it.each([
    ['/etc/passwd', 'is absolute'],
    ['../secrets/**', "contains '..'"],
    ['config/[abc.json', "unclosed '['"],
    ['config/{a,b.json', "unclosed '{'"],
    ['config/a}.json', "unmatched '}'"],
    ['!', 'empty after "!"'],
  ])('refuses %s, naming the input', (pattern, why) => {
    const attempt = () => parsePatterns([pattern]);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(/^Input 'paths': pattern/);
    expect(attempt).toThrow(why);
  });

  it('refuses a set with only exclusions', () => {
    expect(() => parsePatterns(['!a/**'])).toThrow(/selects no files/);
  });
});

describe('trackMatcher', () => {
  it('leaves workflow files out whatever the patterns say, unless the track opts in', () => {
    const patterns = parsePatterns(['**/*.yml']);
    expect(trackMatcher(patterns)('.github/workflows/ci.yml')).toBe(false);
    expect(trackMatcher(patterns)('.GitHub/Workflows/ci.yml')).toBe(false);
    expect(trackMatcher(patterns)('.github/dependabot.yml')).toBe(true);
    expect(trackMatcher({ ...patterns, workflows: true })('.github/workflows/ci.yml')).toBe(true);
  });

  it('matches names holding a newline or a carriage return, which git allows', () => {
    const inTrack = trackMatcher(parsePatterns(['cfg/**', '!cfg/skip/**']));
    expect(inTrack('cfg/a\nb.json')).toBe(true);
    expect(inTrack('cfg/sub\r/c.json')).toBe(true);
    expect(inTrack('cfg/skip/x\ny')).toBe(false);
  });
});
