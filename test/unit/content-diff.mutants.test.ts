// Content diffs at their edges: exact versus approximate line counts, parse failures on either
// side, multi-document YAML, format detection, key paths and value normalisation.
import { describe, expect, it } from 'vitest';
import { diffContent, formatFor, formatKeyPath } from '../../src/core/content-diff/index.js';
import { APPROXIMATE_NOTE, countLineChanges } from '../../src/core/content-diff/text.js';
import { firstLine } from '../../src/core/content-diff/parse.js';
import { fingerprint, shapeOf, toPlain } from '../../src/core/content-diff/values.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const lines = (n: number, prefix = 'l') =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}\n`).join('');

describe('line counts', () => {
  it('counts a whole side exactly, however long, when the other is empty or missing', () => {
    expect(diffContent('a.txt', bytes(''), bytes(lines(1500)))).toEqual({
      kind: 'text',
      lines: { added: 1500, removed: 0 },
    });
    expect(diffContent('a.txt', bytes(lines(1500)), null)).toEqual({
      kind: 'text',
      lines: { added: 0, removed: 1500 },
    });
  });

  it('is exact up to 1,000 edits and approximate beyond', () => {
    expect(countLineChanges(lines(500, 'a'), lines(500, 'b'))).toEqual({
      added: 500,
      removed: 500,
      approximate: false,
    });
    expect(countLineChanges(lines(501, 'a'), lines(500, 'b'))).toEqual({
      added: 500,
      removed: 501,
      approximate: true,
    });
    expect(countLineChanges('same\n', 'same\n')).toEqual({
      added: 0,
      removed: 0,
      approximate: false,
    });
  });

  it('falls back to the approximation when moved lines make the exact diff too long', () => {
    const before = lines(600);
    const after = before
      .split(/(?<=\n)/)
      .reverse()
      .join('');
    expect(diffContent('a.txt', bytes(before), bytes(after))).toEqual({
      kind: 'text',
      lines: { added: 0, removed: 0 },
      note: APPROXIMATE_NOTE,
    });
  });

  it('counts an added byte order mark as a changed first line', () => {
    expect(diffContent('a.txt', bytes('a\n'), bytes('\uFEFFa\n'))).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
    });
  });
});

describe('structured files that do not parse', () => {
  // JSON.parse's own wording differs between Node versions; the frame around it is ours.
  const why = (side: string) =>
    new RegExp(
      `^Compared line by line: the ${side} version is not valid JSON \\([^)]*(\\([^)]*\\)[^)]*)*\\)\\.$`,
    );

  it('names the side that failed, and only that one', () => {
    const before = diffContent('a.json', bytes('{bad'), bytes('{"a":1}'));
    expect(before).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
      note: expect.any(String),
    });
    expect(before.note).toMatch(why('before'));
    const after = diffContent('a.json', bytes('{"a":1}'), bytes('{bad'));
    expect(after).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
      note: expect.any(String),
    });
    expect(after.note).toMatch(why('after'));
  });

  it('joins the parse note and the approximation note with a space', () => {
    const d = diffContent('a.json', bytes(`{bad\n${lines(1500)}`), bytes('{"a":1}'));
    const [parse, approx] = d.note!.split(/(?<=\.) (?=Line counts)/);
    expect(parse).toMatch(why('before'));
    expect(approx).toBe(APPROXIMATE_NOTE);
  });

  it('keeps the first line of an error, without its closing colon', () => {
    expect(firstLine(new Error('  Bad thing at line 3:\n  code excerpt\n'))).toBe(
      'Bad thing at line 3',
    );
    expect(firstLine('plain: text')).toBe('plain: text');
    expect(firstLine(new Error(''))).toBe('');
  });
});

describe('YAML documents', () => {
  it('prefixes paths with the document number when either side has more than one', () => {
    expect(diffContent('a.yaml', bytes('a: 1\n'), bytes('a: 2\n---\nb: 1\n')).keys).toEqual([
      { path: '[doc 1].a', kind: 'changed', before: 1, after: 2 },
      { path: '[doc 2].b', kind: 'added', after: 1 },
    ]);
    expect(diffContent('a.yaml', bytes('a: 1\n---\nb: 1\n'), bytes('a: 2\n')).keys).toEqual([
      { path: '[doc 1].a', kind: 'changed', before: 1, after: 2 },
      { path: '[doc 2].b', kind: 'removed', before: 1 },
    ]);
  });
});

describe('formats and key paths', () => {
  it('picks the format from the last extension of the file name only', () => {
    expect(formatFor('.json')).toBe('json');
    expect(formatFor('A.YML')).toBe('yaml');
    expect(formatFor('dir/json')).toBeUndefined();
    expect(formatFor('cfg.json/x')).toBeUndefined();
    expect(formatFor('x.')).toBeUndefined();
    expect(formatFor('x.toString')).toBeUndefined();
  });

  it('writes indexes in brackets and quotes keys that are not plain', () => {
    expect(formatKeyPath(['a', 0, 'b', 'x.y', 1])).toBe('a[0].b["x.y"][1]');
    expect(formatKeyPath([2, 'max-tokens'])).toBe('[2].max-tokens');
    expect(diffContent('a.json', bytes('[1,2,3]'), bytes('[1,5,3]')).keys).toEqual([
      { path: '[1]', kind: 'changed', before: 2, after: 5 },
    ]);
  });
});

describe('values', () => {
  it('makes parsed values JSON-safe, keeping shared nodes shared and __proto__ as data', () => {
    expect(
      toPlain({
        n: NaN,
        i: -Infinity,
        d: new Date(0),
        bad: new Date('x'),
        u: new Uint8Array([1, 2]),
        m: new Map([[1, 'a']]),
        s: new Set([1]),
        big: 10n,
        nul: null,
        str: 's',
      }),
    ).toEqual({
      n: 'NaN',
      i: '-Infinity',
      d: '1970-01-01T00:00:00.000Z',
      bad: 'Invalid Date',
      u: 'AQI=',
      m: { 1: 'a' },
      s: [1],
      big: '10',
      nul: null,
      str: 's',
    });
    const shared = { x: 1 };
    const out = toPlain({ a: shared, b: shared }) as { a: object; b: object };
    expect(out.a).toBe(out.b);
    const proto = toPlain(JSON.parse('{"__proto__": {"x": 1}}')) as object;
    expect(Object.keys(proto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    const desc = Object.getOwnPropertyDescriptor(toPlain({ k: 1 }), 'k');
    expect(desc).toEqual({ value: 1, enumerable: true, writable: true, configurable: true });
  });

  it('fingerprints ignore key order and keep types apart', () => {
    expect(fingerprint({ b: [1, '1', null], a: { y: 1, x: 2 } })).toBe(
      '{"a":{"x":2,"y":1},"b":[1,"1",null]}',
    );
    expect(fingerprint(undefined)).toBe('undefined');
    expect(shapeOf([])).toBe('array');
    expect(shapeOf({})).toBe('object');
    expect(shapeOf(null)).toBe('scalar');
  });
});
