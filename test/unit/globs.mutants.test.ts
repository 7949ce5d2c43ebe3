// Path patterns: splitting, every refusal with its exact message, and the matcher a track uses.
import { describe, expect, it } from 'vitest';
import { parsePatterns, splitPatterns, trackMatcher } from '../../src/core/globs.js';
import { InputError } from '../../src/errors.js';

function refusal(patterns: string[], input?: string): InputError {
  try {
    parsePatterns(patterns, input);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`accepted ${JSON.stringify(patterns)}`);
}

describe('splitPatterns', () => {
  it('trims, skips blanks and comments, and keeps escaped commas and braces in the pattern', () => {
    expect(splitPatterns('  a/** \r\n\t# no\n  #x, y\n b\\,c , d\\{e,f }')).toEqual([
      'a/**',
      'b\\,c',
      'd\\{e',
      'f }',
    ]);
    expect(splitPatterns('x\\')).toEqual(['x\\']);
    expect(splitPatterns(' , ,a,, ')).toEqual(['a']);
  });

  it('never lets a stray closing brace hide a later comma', () => {
    expect(splitPatterns('a},b')).toEqual(['a}', 'b']);
    expect(splitPatterns('{a,{b,c}},d')).toEqual(['{a,{b,c}}', 'd']);
  });
});

describe('parsePatterns refusals', () => {
  const HINT =
    'Patterns are relative to the repository root, one per line or comma-separated, "!" to exclude: for example "config/**/*.json", "models/**", "!**/*.tmp".';

  it.each([
    ['!', 'pattern \'!\' is empty after "!".'],
    ['!  ', 'pattern \'!  \' is empty after "!".'],
    ['a\u0001b', "pattern 'a\\x01b' contains a control character."],
    ['/etc', "pattern '/etc' is absolute."],
    ['C:\\x', "pattern 'C:\\x' is absolute."],
    ['c:/x', "pattern 'c:/x' is absolute."],
    ['a/../b', "pattern 'a/../b' contains '..'."],
    ['!..', "pattern '!..' contains '..'."],
    ['a]', "pattern 'a]' has an unmatched ']'."],
    ['a)', "pattern 'a)' has an unmatched ')'."],
    ['a}', "pattern 'a}' has an unmatched '}'."],
    ['[a}', "pattern '[a}' has an unmatched '}'."],
    ['{a]', "pattern '{a]' has an unmatched ']'."],
    ['(a]', "pattern '(a]' has an unmatched ']'."],
    ['[a)', "pattern '[a)' has an unmatched ')'."],
    ['a(b', "pattern 'a(b' has an unclosed '('."],
    ['{[a', "pattern '{[a' has an unclosed '['."],
    [
      '[[:foo:]]',
      'pattern \'[[:foo:]]\' is not a valid glob (Missing opening: "[" - use "\\\\[" to match literal characters).',
    ],
  ])('refuses %j', (pattern, message) => {
    const e = refusal([pattern], 'paths');
    expect(e.message).toBe(`Input 'paths': ${message}`);
    expect(e.hint).toBe(HINT);
  });

  it('names the input it was given, and says when nothing is included', () => {
    expect(refusal(['/x'], 'diff-paths').message).toMatch(/^Input 'diff-paths': /);
    expect(refusal(['/x']).message).toMatch(/^Input 'paths': /);
    const none = refusal(['!a/**', '!b']);
    expect(none.message).toBe("Input 'paths': selects no files: it has no including pattern.");
    expect(none.hint).toMatch(/^Patterns are relative/);
    expect(refusal([]).message).toMatch(/selects no files/);
  });

  it('accepts what only looks odd: escapes, drive-less colons, dotted names', () => {
    expect(parsePatterns(['a\\]b', 'x\\(y', 'a:b', '1:/x', 'a..b/**', '.github/**'])).toEqual({
      include: [
        'a\\]b',
        'a\\]b/**',
        'x\\(y',
        'x\\(y/**',
        'a:b',
        'a:b/**',
        '1:/x',
        '1:/x/**',
        'a..b/**',
        '.github/**',
      ],
      exclude: [],
    });
    expect(parsePatterns(['a', '! b/', '!./c'])).toEqual({
      include: ['a', 'a/**'],
      exclude: ['b/**', 'c', 'c/**'],
    });
  });
});

describe('trackMatcher', () => {
  it('matches includes, dotfiles too, minus excludes', () => {
    const m = trackMatcher(parsePatterns(['config/**', '!**/*.tmp', '!config/.secret']));
    expect(m('config/a.json')).toBe(true);
    expect(m('config/.hidden/x.json')).toBe(true);
    expect(m('config/x.tmp')).toBe(false);
    expect(m('config/.secret')).toBe(false);
    expect(m('other/a.json')).toBe(false);
    const all = trackMatcher(parsePatterns(['**']));
    expect(all('.env')).toBe(true);
    expect(all('a/.b/c')).toBe(true);
    const dotExclude = trackMatcher(parsePatterns(['**', '!**/.cache/**']));
    expect(dotExclude('x/.cache/y')).toBe(false);
    expect(dotExclude('x/cache/y')).toBe(true);
  });
});
