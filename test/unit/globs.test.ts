import { describe, expect, it } from 'vitest';
import { parsePatterns, splitPatterns } from '../../src/core/globs.js';
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
