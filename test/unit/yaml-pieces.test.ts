import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseDocuments } from '../../src/core/content-diff/parse.js';
import { parseYamlInPieces } from '../../src/core/content-diff/yaml-pieces.js';

/** Deeply equal with mappings' keys in the same order (which decides the order of changes). */
function sameValue(a: unknown, b: unknown, seen = new Set<unknown>()): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (typeof a !== 'object' || a === null || seen.has(a)) return true;
  seen.add(a);
  const keysA = Object.keys(a);
  const keysB = Object.keys(b as object);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return false;
  return keysA.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen),
  );
}

const key = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('a', 'b', 'name', 'x-y', 'k1', 'a b', '1', '01', 'true', 'null'),
  },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'a.b/c', '$x', '_') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const scalar = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'a: b',
    '- x',
    '# c',
    '"q',
    "'",
    '[',
    '{',
    '|',
    '&a',
    '*a',
    'x\ny',
    ' lead',
    'a\tb',
  ),
);
const tree = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;
const options = fc.record({
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  collectionStyle: fc.constantFrom('any', 'block', 'block', 'block', 'flow') as fc.Arbitrary<
    'any' | 'block' | 'flow'
  >,
});

type Edit =
  | { kind: 'duplicate' | 'delete' | 'dedent'; at: number }
  | { kind: 'insert'; at: number; text: string };

/** Line edits that make texts odd or broken in the ways a cut could get wrong. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('dedent' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      'a: 1',
      'b:',
      '  c: 2',
      '- 3',
      '# note',
      '',
      'x: &anchor {p: 1}',
      'y: *anchor',
      'z: "open',
      'w: [1,',
      '  more]',
      'v: |',
      '  text',
      'text at column 0',
      '? k',
      ': v',
      '   ',
    ),
  }),
);

function applyEdits(text: string, edits: readonly Edit[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const at = e.at % (lines.length + 1);
    if (e.kind === 'duplicate' && at < lines.length) lines.splice(at, 0, lines[at]!);
    else if (e.kind === 'delete' && at < lines.length) lines.splice(at, 1);
    else if (e.kind === 'dedent' && at < lines.length) lines[at] = lines[at]!.replace(/^ {2}/, '');
    else if (e.kind === 'insert') lines.splice(at, 0, e.text);
  }
  return lines.join('\n');
}

describe('parsing YAML in pieces', () => {
  it('gives what the whole parse gives, or leaves the text to it', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 12 }),
        options,
        fc.oneof(fc.constant([]), fc.array(edit, { minLength: 1, maxLength: 3 })),
        fc.integer({ min: 1, max: 120 }),
        fc.boolean(),
        (entries, opts, edits, pieceChars, crlf) => {
          const root = Object.fromEntries(entries);
          const lf = applyEdits(stringify(root, opts), edits);
          const text = crlf ? lf.replace(/\n/g, '\r\n') : lf;
          const pieces = parseYamlInPieces(text, pieceChars);
          if (pieces === undefined) return;
          answered++;
          const whole = parseDocuments('yaml', text);
          expect(whole).toMatchObject({ ok: true });
          const documents = whole.ok ? whole.documents : [];
          expect(documents).toHaveLength(1);
          expect(sameValue(pieces, documents[0])).toBe(true);
        },
      ),
      { numRuns: Number(process.env.PIECES_RUNS ?? 1500) },
    );
    // The property means little unless pieces answered often.
    expect(answered).toBeGreaterThan(300);
  });

  it('cuts a long list under a key and a long mapping, keeping every entry in order', () => {
    const items = Array.from({ length: 40 }, (_, i) => `  - name: item-${i}\n    port: ${i}\n`);
    const text = `first: 1\nitems:\n${items.join('')}last:\n  k: v\n`;
    const value = parseYamlInPieces(text, 50) as { items: { name: string }[] };
    expect(Object.keys(value)).toEqual(['first', 'items', 'last']);
    expect(value.items.map((item) => item.name)).toEqual(
      Array.from({ length: 40 }, (_, i) => `item-${i}`),
    );
    expect(value).toEqual(parseDocuments('yaml', text).ok && parseYamlInPieces(text, 1e9));
  });

  it('leaves to the whole parse what pieces cannot answer exactly', () => {
    const cases = [
      'a: &x 1\nb: 2\nc: *x\n', // an alias to another piece's anchor
      'a: 1\nb: 2\na: 3\n', // a key repeated across pieces
      'a: 1\nb: 2\n<<: {a: 9}\n', // a merge key, which must not override `a` of an earlier piece
      '---\na: 1\n---\nb: 2\n', // several documents
      'a: "one\ntwo"\nb: 1\n', // a quoted scalar cut open
      '!!map\na: 1\nb: 2\n', // a tag on the root
    ];
    for (const text of cases) expect({ text, value: parseYamlInPieces(text, 1) }).toEqual({ text });
  });
});
