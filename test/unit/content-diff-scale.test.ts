import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { diffContent, type KeyChange } from '../../src/core/content-diff/index.js';
import { firstLine } from '../../src/core/content-diff/parse.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What yaml itself reports first for `text`, checking keys its own (quadratic) way. */
function yamlsOwnError(text: string): string | undefined {
  for (const document of parseAllDocuments(text, { merge: true })) {
    const [error] = document.errors;
    if (error) return firstLine(error);
  }
  return undefined;
}

describe('key-level diff of large files', () => {
  it('reports a repeated key as yaml does, at the same place', () => {
    const cases = [
      'a: 1\na: 2\n',
      'a: 1\nb:\n  c: 1\n  c: 2\na: 3\n',
      '{a: 1, a: 2}\n',
      'x: {a: 1, b: 2, a: 3}\n',
      '&x a: 1\n&y a: 2\n',
      '!!str a: 1\na: 2\n',
      '? a\n: 1\n? a\n: 2\n',
      '? \n: 1\n? \n: 2\n',
      ': 1\n: 2\n',
      '1: a\n1.0: b\n',
      'true: a\nTrue: b\n',
      'null: 1\n~: 2\n',
      '- a: 1\n  a: 2\n',
      '"a": 1\n\'a\': 2\n',
      '---\nb: 1\n---\na: 1\na: 2\n',
      '? {k: 1, k: 2}\n: v\nk: 1\nk: 2\n',
      '? {k: 1, k: 2}\n: {j: 1, j: 2}\n',
      'a: 1\na: {b: 1, b: 2}\n',
      'a: 1\na: 2\nb: [1, 2\n',
      'b: [1, 2\na: 1\na: 2\n',
      // Not duplicates: different scalar values, NaN, merge keys, an alias.
      '1: a\n"1": b\n',
      '.nan: 1\n.nan: 2\n',
      'base: &b {x: 1}\nc:\n  <<: *b\n  <<: {y: 2}\n',
      'a: &x 1\n*x : 2\n',
    ];
    for (const text of cases) {
      const expected = yamlsOwnError(text);
      const result = diffContent('f.yaml', bytes('{}\n'), bytes(text));
      const note =
        expected && `Compared line by line: the after version is not valid YAML (${expected}).`;
      expect({ text, note: result.note }).toEqual({ text, note });
    }
  });

  it('compares a mapping of 50,000 keys exactly', () => {
    const lines = (changed: (i: number) => boolean) =>
      Array.from({ length: 50_000 }, (_, i) => `key-${i}: ${changed(i) ? 'new' : 'old'} ${i}\n`);
    const result = diffContent(
      'big.yaml',
      bytes(lines(() => false).join('') + 'gone: 1\n'),
      bytes(lines((i) => i % 1000 === 7).join('') + 'fresh: 2\n'),
    );
    expect(result.kind).toBe('structured');
    const keys = result.keys ?? [];
    expect(keys).toHaveLength(52);
    expect(keys.slice(0, 2)).toEqual([
      { path: 'key-7', kind: 'changed', before: 'old 7', after: 'new 7' },
      { path: 'key-1007', kind: 'changed', before: 'old 1007', after: 'new 1007' },
    ]);
    expect(keys.slice(-2)).toEqual([
      { path: 'gone', kind: 'removed', before: 1 },
      { path: 'fresh', kind: 'added', after: 2 },
    ]);
  });

  it('compares a list of 10,000 named mappings exactly', () => {
    const item = (i: number, port: number) => `  - name: item-${i}\n    port: ${port}\n`;
    const list = (port: (i: number) => number) =>
      Array.from({ length: 10_000 }, (_, i) => item(i, port(i))).join('');
    const before = `kind: list\nitems:\n${list((i) => i)}`;
    const after = `kind: list\nitems:\n${item(-1, 0)}${list((i) => (i % 2500 === 3 ? -i : i))}`;
    const result = diffContent('list.yaml', bytes(before), bytes(after));
    expect(result.keys).toEqual([
      { path: 'items[0]', kind: 'added', after: { name: 'item--1', port: 0 } },
      ...[3, 2503, 5003, 7503].map((i) => ({
        path: `items[${i + 1}].port`,
        kind: 'changed',
        before: i,
        after: -i,
      })),
    ]);
  });

  it('aligns lists as it aligns the same elements wrapped in mappings', () => {
    // Lists of scalars are compared as they are and counted by sorting; others are numbered by
    // fingerprint. Wrapped in `{ v }`, the same list must give the same changes, a level deeper.
    const scalar = fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom<unknown>(0, 1, 2, 3, -0, '1', 'a', null, true) },
      // Now and then a mapping (the list is then numbered), or a string that spells one.
      { weight: 1, arbitrary: fc.constantFrom<unknown>({ v: 1 }, '{"v":1}') },
    );
    const json = (value: unknown) => bytes(JSON.stringify(value));
    const wrap = (list: unknown[]) => ({ list: list.map((v) => ({ v })) });
    const unwrap = (c: KeyChange): KeyChange => {
      const out: KeyChange = { ...c, path: c.path.replace(/\.v$/, '') };
      if (c.kind !== 'changed' || c.path === out.path) {
        if ('before' in c) out.before = (c.before as { v: unknown }).v;
        if ('after' in c) out.after = (c.after as { v: unknown }).v;
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(scalar, { maxLength: 1200 }),
        fc.array(fc.tuple(fc.nat(), fc.option(scalar, { nil: undefined })), { maxLength: 700 }),
        (list, edits) => {
          const next = [...list];
          // An edit replaces, inserts (index past the end) or removes (no value) one element.
          for (const [at, value] of edits) {
            const i = at % (next.length + 1);
            if (value === undefined) next.splice(i, 1);
            else if (i === next.length) next.push(value);
            else next.splice(i, 0, value);
          }
          const plain = diffContent('l.json', json({ list }), json({ list: next }));
          const wrapped = diffContent('l.json', json(wrap(list)), json(wrap(next)));
          expect(plain.keys).toEqual(wrapped.keys?.map(unwrap));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('compares a list of 300,000 numbers that differs in 3,000 places index by index', () => {
    const list = Array.from({ length: 300_000 }, (_, i) => i);
    const next = list.map((v) => (v % 100 === 1 ? -v : v));
    const result = diffContent('n.json', bytes(JSON.stringify(list)), bytes(JSON.stringify(next)));
    expect(result.keys).toHaveLength(3_000);
    expect(result.keys?.slice(0, 2)).toEqual([
      { path: '[1]', kind: 'changed', before: 1, after: -1 },
      { path: '[101]', kind: 'changed', before: 101, after: -101 },
    ]);
  });

  it('aligns long lists with 300 new elements, just within the bound on the alignment', () => {
    // 300 values no longer list holds: at least 300 edits, under the bound of 500, so the lists
    // are aligned (300 entries) rather than compared index by index (thousands).
    const spread = <T>(list: T[], fresh: (k: number) => T) =>
      list.flatMap((item, i) => (i % 6 === 0 && i / 6 < 300 ? [fresh(i / 6), item] : [item]));
    const numbers = Array.from({ length: 2_000 }, (_, i) => i);
    const maps = numbers.map((x) => ({ x }));
    for (const [list, next] of [
      [numbers, spread(numbers, (k) => -1 - k)],
      [maps, spread(maps, (k) => ({ x: -1 - k }))],
    ] as const) {
      const result = diffContent(
        'l.json',
        bytes(JSON.stringify(list)),
        bytes(JSON.stringify(next)),
      );
      expect(result.keys).toHaveLength(300);
      expect(result.keys?.every((c) => c.kind === 'added')).toBe(true);
      expect(result.keys?.[1]).toMatchObject({ path: '[7]', kind: 'added' });
    }
  });
});
