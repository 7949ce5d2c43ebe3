// Upper bounds on durations and sizes, and workflow files kept out of tracks unless opted in.
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/core/duration.js';
import { parseSize } from '../../src/core/size.js';
import {
  isWorkflowPath,
  parsePatterns,
  patternMatcher,
  trackMatcher,
} from '../../src/core/globs.js';
import { InputError } from '../../src/errors.js';

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('upper bounds', () => {
  it('takes durations up to 100 years and no more', () => {
    expect(parseDuration('36500d', 'x')).toBe(36_500 * 86_400_000);
    const e = refusal(() => parseDuration(' 36501 ', 'drift-warn-age'));
    expect(e.message).toBe("Input 'drift-warn-age': must be at most 100 years, got 36501.");
    expect(e.hint).toBe('For example "7d" or "12h".');
    expect(parseDuration('000000000000001m', 'x')).toBe(60_000);
    expect(refusal(() => parseDuration('0000000000000001m', 'x')).message).toMatch(
      /is not a duration/,
    );
    expect(refusal(() => parseDuration(`1.${'5'.repeat(16)}d`, 'x')).message).toMatch(
      /is not a duration/,
    );
    expect(refusal(() => parseDuration(`${'9'.repeat(50)}x`, 'x')).message).toBe(
      `Input 'x': '${'9'.repeat(40)}…' is not a duration.`,
    );
  });

  it('takes sizes up to 1 TiB and no more', () => {
    expect(parseSize('1024 GB', 'x')).toBe(1024 ** 4);
    const e = refusal(() => parseSize(' 1025 GB ', 'max-file-size'));
    expect(e.message).toBe("Input 'max-file-size': must be at most 1 TB, got 1025 GB.");
    expect(e.hint).toMatch(/^GitHub refuses files over 100 MB/);
    expect(refusal(() => parseSize(`${'9'.repeat(50)}`, 'x')).message).toBe(
      `Input 'x': '${'9'.repeat(40)}…' is not a size.`,
    );
  });
});

describe('workflow files', () => {
  it('are workflow files in any letter case, and nothing else is', () => {
    expect(isWorkflowPath('.github/workflows/ci.yml')).toBe(true);
    expect(isWorkflowPath('.GitHub/Workflows/x')).toBe(true);
    expect(isWorkflowPath('.github/workflows')).toBe(false);
    expect(isWorkflowPath('a/.github/workflows/x')).toBe(false);
    expect(isWorkflowPath('.github/CODEOWNERS')).toBe(false);
  });

  it('stay out of a track unless it opts in', () => {
    const patterns = parsePatterns(['**']);
    expect(patterns.workflows).toBeUndefined();
    const closed = trackMatcher(patterns);
    expect(closed('.github/workflows/ci.yml')).toBe(false);
    expect(closed('.github/dependabot.yml')).toBe(true);
    const open = trackMatcher({ ...patterns, workflows: true });
    expect(open('.github/workflows/ci.yml')).toBe(true);
    expect(patternMatcher(patterns)('.github/workflows/ci.yml')).toBe(true);
  });

  it('match names holding line breaks, which git allows', () => {
    const m = patternMatcher(parsePatterns(['conf/**', '!conf/skip*']));
    expect(m('conf/a\nb.json')).toBe(true);
    expect(m('conf/x\r.json')).toBe(true);
    expect(m('conf/skip\nme')).toBe(false);
  });
});
