// Restore safety with each refusal's exact reason, and the promotion rule's numeric edges.
import { describe, expect, it } from 'vitest';
import {
  MODE_GITLINK,
  MODE_SYMLINK,
  checkRestore,
  checkSymlinkTarget,
} from '../../src/core/restore-safety.js';
import { decidePromotion, metricValue, type PromotionRule } from '../../src/core/promotion-rule.js';
import type { TreeEntry } from '../../src/git/git.js';

const entry = (path: string, mode = '100644', type: TreeEntry['type'] = 'blob'): TreeEntry => ({
  mode,
  type,
  oid: 'a'.repeat(40),
  path,
});
const everything = () => true;
const why = (e: TreeEntry, opts: { otherSymlinks?: ReadonlySet<string> } = {}) =>
  checkRestore([e], { inTrack: everything, ...opts })[0]?.why;

describe('checkRestore reasons', () => {
  it('gives each refusal its own reason', () => {
    expect(MODE_SYMLINK).toBe('120000');
    expect(MODE_GITLINK).toBe('160000');
    const outside = 'an absolute path would be written outside the repository';
    expect(why(entry(''))).toBe(outside);
    expect(why(entry('/x'))).toBe(outside);
    expect(why(entry('z:x'))).toBe(outside);
    expect(why(entry('a\\b'))).toBe(
      'a backslash in a path can climb out of the repository on Windows',
    );
    expect(why(entry('a\u007fb'))).toBe('control characters in a path');
    const climb = 'a `..` or empty path component would be written outside the repository';
    for (const p of ['a/../b', 'a/./b', 'a//b', 'a/', '..']) expect(why(entry(p))).toBe(climb);
    expect(why(entry('a/.GIT /x'))).toBe('paths inside `.git` are never written');
    expect(why(entry('a/.git../x'))).toBe('paths inside `.git` are never written');
    expect(why(entry('a/git~1'))).toBe('paths inside `.git` are never written');
    const sub = 'submodules (gitlinks) are not restored';
    expect(why(entry('a', '160000', 'blob'))).toBe(sub);
    expect(why(entry('a', '100644', 'commit'))).toBe(sub);
    expect(why(entry('.GitHub/Workflows/x.yml'))).toMatch(
      /^the version changes a file under `\.github\/workflows\/`/,
    );
    expect(checkRestore([entry('x')], { inTrack: () => false })).toEqual([
      { path: 'x', why: "the path is not part of the track's patterns" },
    ]);
    expect(why(entry('a/b/c'), { otherSymlinks: new Set(['a/b']) })).toBe(
      'the path goes through the symbolic link `a/b`',
    );
    expect(why(entry('a', '100664'))).toBe('unexpected file mode 100664');
  });

  it('accepts what only looks odd: colons inside names, dotted names, .github outside workflows', () => {
    for (const p of ['a/b:c', 'a/..b', 'a/.gitignore', 'a/git~2', '.github/CODEOWNERS', 'x.git/y'])
      expect(why(entry(p))).toBeUndefined();
    expect(why(entry('l', '120000'))).toBeUndefined();
    expect(why(entry('run', '100755'))).toBeUndefined();
  });

  it('blocks paths through restored links only, not through ordinary entries', () => {
    const r = checkRestore([entry('a'), entry('a/b'), entry('l', '120000'), entry('l/c')], {
      inTrack: everything,
    });
    expect(r).toEqual([{ path: 'l/c', why: 'the path goes through the symbolic link `l`' }]);
  });
});

describe('checkSymlinkTarget reasons', () => {
  it('resolves from the link folder, skipping empty and . components', () => {
    expect(checkSymlinkTarget('conf/sub/l', '../../x')).toBeUndefined();
    expect(checkSymlinkTarget('conf/l', 'ab:c')).toBeUndefined();
    expect(checkSymlinkTarget('conf/l', './../..')).toBe(
      'the symbolic link points outside the repository ("./../..")',
    );
    expect(checkSymlinkTarget('l', 'a//../..')).toBe(
      'the symbolic link points outside the repository ("a//../..")',
    );
    expect(checkSymlinkTarget('conf/l', 'c:x')).toBe(
      'the symbolic link points outside the repository ("c:x")',
    );
    expect(checkSymlinkTarget('conf/l', 'a\\b')).toBe(
      'the symbolic link points outside the repository ("a\\\\b")',
    );
    expect(checkSymlinkTarget('conf/l', '../.git/hooks')).toBe(
      'the symbolic link points into `.git`',
    );
  });
});

const rule = (extra: Partial<PromotionRule>): PromotionRule => ({
  alias: 'prod',
  metric: 'm',
  direction: 'higher',
  minImprovement: 0.5,
  ...extra,
});
const decide = (r: PromotionRule, value: number, held: number) =>
  decidePromotion(
    r,
    { version: 2, metrics: { m: value } },
    { version: 1, metrics: { m: held } },
    false,
  ).promote;

describe('promotion rule edges', () => {
  it('counts reaching high exactly, within the slack, in both directions', () => {
    expect(decide(rule({ high: 1 }), 1 - 1e-9, 1 - 1e-9)).toBe(true);
    expect(decide(rule({ high: 1 }), 1 - 2e-9, 1 - 2e-9)).toBe(false);
    expect(decide(rule({ direction: 'lower', high: 0.1 }), 0.1, 0.1)).toBe(true);
    expect(decide(rule({ direction: 'lower', high: 0.1 }), 0.1 + 1e-9, 0.1 + 1e-9)).toBe(true);
    expect(decide(rule({ direction: 'lower', high: 0.1 }), 0.1 + 2e-9, 0.1 + 2e-9)).toBe(false);
  });

  it('allows a regression of exactly the slack past high, and an improvement of exactly min minus slack', () => {
    expect(decide(rule({ high: -1e-9 }), -1e-9, 0)).toBe(true);
    expect(decide(rule({ high: -1e-9 }), -2e-9, 0)).toBe(false);
    expect(decide(rule({}), 0.5 - 1e-9, 0)).toBe(true);
    expect(decide(rule({}), 0.5 - 2e-9, 0)).toBe(false);
  });

  it('reads numbers written as text and nested metrics, nothing else', () => {
    expect(metricValue({ m: ' -12.50e10 ' }, 'm')).toBe(-12.5e10);
    expect(metricValue({ m: '7E5' }, 'm')).toBe(7e5);
    expect(metricValue({ m: '25' }, 'm')).toBe(25);
    expect(metricValue({ m: '1e15' }, 'm')).toBe(1e15);
    for (const bad of ['x2', '2x', '1.', '.5', '1e', '--1', '1e+5', ''])
      expect(metricValue({ m: bad }, 'm')).toBeUndefined();
    expect(metricValue({ m: Infinity }, 'm')).toBeUndefined();
    expect(metricValue({ m: true }, 'm')).toBeUndefined();
    expect(metricValue({ a: { b: { c: 3 } } }, 'a.b.c')).toBe(3);
    expect(metricValue({ a: [5] }, 'a.0')).toBeUndefined();
    expect(metricValue({ a: null }, 'a.b')).toBeUndefined();
    expect(metricValue({ a: 'xy' }, 'a.length')).toBeUndefined();
    expect(metricValue({ a: { b: 1 } }, 'a.c')).toBeUndefined();
    expect(metricValue({ ab: 1 }, 'ab')).toBe(1);
    expect(metricValue({ a: { '': 4 } }, 'a.')).toBe(4);
    expect(metricValue({ m: 4 }, '')).toBeUndefined();
  });
});
