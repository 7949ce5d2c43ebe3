import { describe, expect, it } from 'vitest';
import { formatBytes, parseSize } from '../../src/core/size.js';
import { assertTrackName, isValidTrackName } from '../../src/core/track-name.js';
import { escapeMarkdown } from '../../src/report/markdown.js';

describe('parseSize', () => {
  it('reads binary units and plain bytes', () => {
    expect(parseSize('100 MB', 'max-file-size')).toBe(100 * 1024 * 1024);
    expect(parseSize('512k', 'max-file-size')).toBe(512 * 1024);
    expect(parseSize('1048576', 'max-file-size')).toBe(1048576);
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
  it('names the input on a bad size', () => {
    expect(() => parseSize('lots', 'max-file-size')).toThrow(
      /^Input 'max-file-size': 'lots' is not a size/,
    );
    expect(() => parseSize('0', 'max-file-size')).toThrow(/greater than zero/);
  });
});

describe('track names', () => {
  it.each(['config', 'model-creamy_chicken', 'a.b', '9lives', 'x'.repeat(64)])(
    'accepts %s',
    (n) => {
      expect(isValidTrackName(n)).toBe(true);
    },
  );
  it.each(['', 'Config', '-x', 'a/b', 'a..b', 'x'.repeat(65), 'a b', 'x.lock', 'x.'])(
    'refuses %j',
    (n) => {
      expect(() => assertTrackName(n)).toThrow(/^Input 'track'/);
    },
  );
});

describe('escapeMarkdown', () => {
  it('neutralises HTML, table pipes, code spans, line breaks and mentions', () => {
    const out = escapeMarkdown('a|b`c<img src=x>\n@octocat [x](y)');
    expect(out).not.toMatch(/<|(?<!\\)\||(?<!\\)`|\n/);
    expect(out).toContain('@\u200doctocat');
    expect(out).toContain('\\[x\\](y)');
  });
});
