import { describe, expect, it } from 'vitest';
import { diffContent, formatFor, formatKeyPath } from '../../src/core/content-diff/index.js';
import type { ContentDiff } from '../../src/core/content-diff/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const diffStrings = (path: string, before: string | null, after: string | null): ContentDiff =>
  diffContent(path, before === null ? null : bytes(before), after === null ? null : bytes(after));
const keysOf = (path: string, before: unknown, after: unknown) =>
  diffStrings(path, JSON.stringify(before), JSON.stringify(after)).keys;

describe('formatFor', () => {
  it('maps extensions case-insensitively and ignores everything else', () => {
    expect(formatFor('config/app.json')).toBe('json');
    expect(formatFor('A.JSON')).toBe('json');
    expect(formatFor('deploy/values.yaml')).toBe('yaml');
    expect(formatFor('x.YML')).toBe('yaml');
    expect(formatFor('pyproject.toml')).toBe('toml');
    expect(formatFor('notes.txt')).toBeUndefined();
    expect(formatFor('Makefile')).toBeUndefined();
    expect(formatFor('json/readme')).toBeUndefined();
    expect(formatFor('settings.jsonc')).toBeUndefined();
  });
});

describe('formatKeyPath', () => {
  it('writes plain keys with dots and indexes in brackets', () => {
    expect(formatKeyPath(['llm', 'model'])).toBe('llm.model');
    expect(formatKeyPath(['servers', 2, 'port'])).toBe('servers[2].port');
    expect(formatKeyPath([0, 'a'])).toBe('[0].a');
    expect(formatKeyPath(['max-tokens', '_x', '$y', 'été'])).toBe('max-tokens._x.$y.été');
    expect(formatKeyPath([])).toBe('');
  });

  it('quotes keys that are not plain identifiers, with JSON escaping', () => {
    expect(formatKeyPath(['a', 'x.y', 'z'])).toBe('a["x.y"].z');
    expect(formatKeyPath(['x.y'])).toBe('["x.y"]');
    expect(formatKeyPath(['a[0]', 'b c', '', '2fa', 'say "hi"', '-x'])).toBe(
      '["a[0]"]["b c"][""]["2fa"]["say \\"hi\\""]["-x"]',
    );
  });
});

describe('diffContent on JSON', () => {
  it('reports nested changes at depth four and more with their full paths', () => {
    const before = { a: { b: { c: { d: { e: 1, keep: true, gone: 'x' } } } }, top: 1 };
    const after = { a: { b: { c: { d: { e: 2, keep: true, fresh: [1] } } } }, top: 1 };
    expect(diffStrings('c.json', JSON.stringify(before), JSON.stringify(after))).toEqual({
      kind: 'structured',
      format: 'json',
      keys: [
        { path: 'a.b.c.d.e', kind: 'changed', before: 1, after: 2 },
        { path: 'a.b.c.d.gone', kind: 'removed', before: 'x' },
        { path: 'a.b.c.d.fresh', kind: 'added', after: [1] },
      ],
    });
  });

  it('quotes keys with dots, brackets and spaces inside paths', () => {
    const before = { a: { 'x.y': { z: 1 } }, 'list[0]': 'p', 'with space': { '': 1 } };
    const after = { a: { 'x.y': { z: 2 } }, 'list[0]': 'q', 'with space': { '': 2 } };
    expect(keysOf('k.json', before, after)).toEqual([
      { path: 'a["x.y"].z', kind: 'changed', before: 1, after: 2 },
      { path: '["list[0]"]', kind: 'changed', before: 'p', after: 'q' },
      { path: '["with space"][""]', kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('reports a change of type as one changed entry at that path', () => {
    const before = { db: { pool: { size: 5, idle: 1 } }, tags: ['a'], port: 80, mode: null };
    const after = { db: { pool: 10 }, tags: { a: true }, port: '80', mode: { on: true } };
    expect(keysOf('t.json', before, after)).toEqual([
      { path: 'db.pool', kind: 'changed', before: { size: 5, idle: 1 }, after: 10 },
      { path: 'tags', kind: 'changed', before: ['a'], after: { a: true } },
      { path: 'port', kind: 'changed', before: 80, after: '80' },
      { path: 'mode', kind: 'changed', before: null, after: { on: true } },
    ]);
  });

  it('shows (root) only when the whole document changes type', () => {
    expect(keysOf('r.json', { a: 1 }, [1])).toEqual([
      { path: '(root)', kind: 'changed', before: { a: 1 }, after: [1] },
    ]);
    expect(keysOf('r.json', 1, 2)).toEqual([
      { path: '(root)', kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('reports an added or removed subtree as one entry with the whole value', () => {
    const subtree = { host: 'h', tls: { cert: 'c', key: 'k' }, ports: [1, 2] };
    expect(keysOf('s.json', { a: {} }, { a: { proxy: subtree } })).toEqual([
      { path: 'a.proxy', kind: 'added', after: subtree },
    ]);
    expect(keysOf('s.json', { a: { proxy: subtree } }, { a: {} })).toEqual([
      { path: 'a.proxy', kind: 'removed', before: subtree },
    ]);
  });

  it('ignores key order and reports nothing for equal documents', () => {
    expect(
      keysOf(
        'o.json',
        { a: 1, b: { c: [1, { d: 2, e: 3 }] } },
        { b: { c: [1, { e: 3, d: 2 }] }, a: 1 },
      ),
    ).toEqual([]);
  });

  it('parses files that start with a byte order mark', () => {
    const result = diffStrings('b.json', '\uFEFF{"a": 1}', '\uFEFF{"a": 2}');
    expect(result).toEqual({
      kind: 'structured',
      format: 'json',
      keys: [{ path: 'a', kind: 'changed', before: 1, after: 2 }],
    });
  });
});

describe('diffContent on arrays', () => {
  it('matches elements by name: an insertion in the middle is one added entry plus real edits', () => {
    const before = {
      servers: [
        { name: 'alpha', port: 1 },
        { name: 'beta', port: 2 },
        { name: 'gamma', port: 3 },
      ],
    };
    const after = {
      servers: [
        { name: 'alpha', port: 1 },
        { name: 'new', port: 9 },
        { name: 'beta', port: 2 },
        { name: 'gamma', port: 4 },
      ],
    };
    expect(keysOf('m.json', before, after)).toEqual([
      { path: 'servers[1]', kind: 'added', after: { name: 'new', port: 9 } },
      { path: 'servers[3].port', kind: 'changed', before: 3, after: 4 },
    ]);
  });

  it('falls back to id, then key, and reports removed elements at their old index', () => {
    const before = [
      { id: 7, v: 'a' },
      { id: 8, v: 'b' },
      { id: 9, v: 'c' },
    ];
    const after = [
      { id: 7, v: 'a' },
      { id: 9, v: 'C' },
    ];
    expect(keysOf('i.json', { list: before }, { list: after })).toEqual([
      { path: 'list[1]', kind: 'removed', before: { id: 8, v: 'b' } },
      { path: 'list[1].v', kind: 'changed', before: 'c', after: 'C' },
    ]);
    // Names are not unique, so the next identifying key (`key`) is used.
    const byKey = (k: string, v: number) => ({ name: 'same', key: k, v });
    expect(
      keysOf('k.json', [byKey('x', 1), byKey('y', 2)], [byKey('y', 3), byKey('x', 1)]),
    ).toEqual([
      {
        path: '(root)',
        kind: 'changed',
        before: ['x', 'y'],
        after: ['y', 'x'],
        note: 'order changed (elements matched by "key")',
      },
      { path: '[0].v', kind: 'changed', before: 2, after: 3 },
    ]);
  });

  it('reports an order-only change once, on the array path, with a note', () => {
    const a = { name: 'a', on: true };
    const b = { name: 'b', on: true };
    const c = { name: 'c', on: true };
    expect(keysOf('o.json', { mw: [a, b, c] }, { mw: [c, a, b] })).toEqual([
      {
        path: 'mw',
        kind: 'changed',
        before: ['a', 'b', 'c'],
        after: ['c', 'a', 'b'],
        note: 'order changed (elements matched by "name")',
      },
    ]);
    // Insertions and removals alone are not a reorder.
    expect(keysOf('o.json', { mw: [a, c] }, { mw: [b, a] })).toEqual([
      { path: 'mw[1]', kind: 'removed', before: c },
      { path: 'mw[0]', kind: 'added', after: b },
    ]);
  });

  it('aligns scalar arrays on content: an insertion at the front is one added entry', () => {
    expect(keysOf('a.json', { xs: [1, 2, 3] }, { xs: [0, 1, 2, 3] })).toEqual([
      { path: 'xs[0]', kind: 'added', after: 0 },
    ]);
    expect(
      keysOf('a.json', { xs: ['a', 'b', 'c', 'd'] }, { xs: ['a', 'c', 'X', 'd', 'e'] }),
    ).toEqual([
      { path: 'xs[1]', kind: 'removed', before: 'b' },
      { path: 'xs[2]', kind: 'added', after: 'X' },
      { path: 'xs[4]', kind: 'added', after: 'e' },
    ]);
    expect(keysOf('a.json', { xs: [1, 2, 3] }, { xs: [1, 5, 3] })).toEqual([
      { path: 'xs[1]', kind: 'changed', before: 2, after: 5 },
    ]);
  });

  it('compares replaced elements without an identifying key in depth, at the new index', () => {
    const before = {
      rules: [
        { path: '/', allow: true },
        { path: '/admin', allow: false },
      ],
    };
    const after = {
      rules: [
        { path: '/health', allow: true },
        { path: '/', allow: true },
        { path: '/admin', allow: true },
      ],
    };
    expect(keysOf('r.json', before, after)).toEqual([
      { path: 'rules[0]', kind: 'added', after: { path: '/health', allow: true } },
      { path: 'rules[2].allow', kind: 'changed', before: false, after: true },
    ]);
  });

  it('aligns a 10,000-element array with one insertion at the front as one entry', () => {
    const before = Array.from({ length: 10_000 }, (_, i) => ({ n: i, label: `item ${i}` }));
    const after = [
      { n: -1, label: 'first' },
      ...before.slice(0, 5000),
      { n: 5000, label: 'edited' },
      ...before.slice(5001),
    ];
    expect(keysOf('big.json', { items: before }, { items: after })).toEqual([
      { path: 'items[0]', kind: 'added', after: { n: -1, label: 'first' } },
      { path: 'items[5001].label', kind: 'changed', before: 'item 5000', after: 'edited' },
    ]);
  });

  it('compares arrays that differ almost everywhere index by index', () => {
    const before = Array.from({ length: 3000 }, (_, i) => i);
    const after = Array.from({ length: 3001 }, (_, i) => -i);
    const keys = keysOf('d.json', before, after) ?? [];
    expect(keys).toHaveLength(3000);
    expect(keys[0]).toEqual({ path: '[1]', kind: 'changed', before: 1, after: -1 });
    expect(keys.at(-1)).toEqual({ path: '[3000]', kind: 'added', after: -3000 });
  });

  it('diffs two 1 MB JSON files with a few changes exactly', () => {
    const make = (i: number) => ({
      id: `svc-${i}`,
      replicas: i % 5,
      env: { LEVEL: 'info', REGION: 'eu' },
      tags: ['a', 'b'],
    });
    const services = Array.from({ length: 14_000 }, (_, i) => make(i));
    const before = { version: 1, services };
    const after = structuredClone(before);
    after.version = 2;
    after.services[1234]!.env.LEVEL = 'debug';
    after.services.splice(4000, 1);
    after.services[7000]!.tags.push('c');
    const text = JSON.stringify(before);
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(diffStrings('big.json', text, JSON.stringify(after)).keys).toEqual([
      { path: 'version', kind: 'changed', before: 1, after: 2 },
      { path: 'services[4000]', kind: 'removed', before: make(4000) },
      { path: 'services[1234].env.LEVEL', kind: 'changed', before: 'info', after: 'debug' },
      { path: 'services[7000].tags[2]', kind: 'added', after: 'c' },
    ]);
  });
});

describe('diffContent on new, deleted and empty config files', () => {
  it('lists a new file’s top-level keys as added and a deleted file’s as removed', () => {
    const doc = JSON.stringify({ a: 1, b: { c: [2] } });
    expect(diffStrings('n.json', null, doc)).toEqual({
      kind: 'structured',
      format: 'json',
      keys: [
        { path: 'a', kind: 'added', after: 1 },
        { path: 'b', kind: 'added', after: { c: [2] } },
      ],
    });
    expect(diffStrings('n.json', doc, null).keys).toEqual([
      { path: 'a', kind: 'removed', before: 1 },
      { path: 'b', kind: 'removed', before: { c: [2] } },
    ]);
  });

  it('reports a new or deleted document that is not a mapping at the root', () => {
    expect(diffStrings('n.json', null, '[1, 2]').keys).toEqual([
      { path: '(root)', kind: 'added', after: [1, 2] },
    ]);
    expect(diffStrings('n.json', '"x"', null).keys).toEqual([
      { path: '(root)', kind: 'removed', before: 'x' },
    ]);
    expect(diffStrings('n.json', null, null)).toEqual({
      kind: 'structured',
      format: 'json',
      keys: [],
    });
  });

  it('treats an empty file like a missing one', () => {
    expect(diffStrings('e.json', '', '{"a": 1}').keys).toEqual([
      { path: 'a', kind: 'added', after: 1 },
    ]);
    expect(diffStrings('e.json', ' \n', '')).toEqual({
      kind: 'structured',
      format: 'json',
      keys: [],
    });
  });
});

describe('diffContent fallback for unparsable config files', () => {
  it('falls back to line counts and names the side that failed', () => {
    expect(diffStrings('bad.json', '{\n  "a": 1,\n}\n', '{\n  "a": 2\n}\n')).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
      note: expect.stringMatching(
        /^Compared line by line: the before version is not valid JSON \(.+\)\.$/,
      ),
    });
    const afterBroken = diffStrings('bad.json', '{"a": 1}\n', '{"a": \n');
    expect(afterBroken.kind).toBe('text');
    expect(afterBroken.lines).toEqual({ added: 1, removed: 1 });
    expect(afterBroken.note).toMatch(
      /^Compared line by line: the after version is not valid JSON \(/,
    );
    expect(afterBroken.note).not.toContain('before version');
  });

  it('names both sides when both fail, with the first line of each message', () => {
    const result = diffStrings('bad.json', '{', '[');
    expect(result.note).toMatch(
      /the before version is not valid JSON \(.+\); the after version is not valid JSON \(.+\)\.$/,
    );
    expect(result.note).not.toContain('\n');
  });

  it('never throws on hostile input', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    // Parsers cope with this depth; the comparison runs out of stack and says so.
    expect(diffContent('deep.json', bytes(deep), bytes('[]'))).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
      note: 'Compared line by line: the key-by-key comparison failed (Maximum call stack size exceeded).',
    });
    const junk = new Uint8Array([0xff, 0xfe, 0x80, 0x7b, 0x0a]);
    expect(diffContent('junk.json', junk, bytes('{}')).kind).toBe('text');
    expect(diffContent('junk.txt', junk, junk)).toEqual({
      kind: 'text',
      lines: { added: 0, removed: 0 },
    });
  });
});

describe('diffContent on text and binary files', () => {
  it('counts added and removed lines, also for new and deleted files', () => {
    expect(diffStrings('a.txt', 'one\ntwo\nthree\n', 'one\n2\nthree\nfour\n')).toEqual({
      kind: 'text',
      lines: { added: 2, removed: 1 },
    });
    expect(diffStrings('a.txt', null, 'x\ny\nz')).toEqual({
      kind: 'text',
      lines: { added: 3, removed: 0 },
    });
    expect(diffStrings('a.txt', 'x\ny\n', null)).toEqual({
      kind: 'text',
      lines: { added: 0, removed: 2 },
    });
  });

  it('handles empty files', () => {
    expect(diffStrings('e.txt', '', '')).toEqual({ kind: 'text', lines: { added: 0, removed: 0 } });
    expect(diffStrings('e.txt', null, '')).toEqual({
      kind: 'text',
      lines: { added: 0, removed: 0 },
    });
    expect(diffStrings('e.txt', '', 'a\n')).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 0 },
    });
  });

  it('counts CRLF lines one for one, like git', () => {
    expect(diffStrings('w.txt', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\nd\r\n').lines).toEqual({
      added: 2,
      removed: 1,
    });
    // Converting line endings rewrites every line; a missing final newline changes the last line.
    expect(diffStrings('w.txt', 'a\nb\n', 'a\r\nb\r\n').lines).toEqual({ added: 2, removed: 2 });
    expect(diffStrings('w.txt', 'a\nb', 'a\nb\n').lines).toEqual({ added: 1, removed: 1 });
  });

  it('keeps the byte order mark in line counts', () => {
    expect(diffStrings('b.txt', 'a\nb\n', '\uFEFFa\nb\n').lines).toEqual({ added: 1, removed: 1 });
  });

  it('diffs a 50,000-line file with 10 edits exactly', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i}: ${'x'.repeat(i % 40)}`);
    const edited = lines.slice();
    for (let k = 0; k < 10; k++) edited[k * 4999 + 3] = `edited ${k}`;
    const result = diffStrings('big.txt', lines.join('\n') + '\n', edited.join('\n') + '\n');
    expect(result).toEqual({ kind: 'text', lines: { added: 10, removed: 10 } });
  });

  it('approximates line counts for large files that differ almost everywhere, and says so', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}\n`).join('');
    const after = Array.from({ length: 4000 }, (_, i) => `new ${i}\n`).join('');
    expect(diffStrings('r.txt', before, after)).toEqual({
      kind: 'text',
      lines: { added: 4000, removed: 5000 },
      note: 'Line counts are approximate: the versions differ too much for an exact line diff.',
    });
  });

  it('detects binary files by a NUL byte in the first 8,000 bytes, on either side', () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
    expect(diffContent('img.png', binary, binary)).toEqual({ kind: 'binary' });
    expect(diffContent('x.txt', bytes('text\n'), binary)).toEqual({ kind: 'binary' });
    expect(diffContent('x.json', null, binary)).toEqual({ kind: 'binary' });
    const lateNul = new Uint8Array(9000).fill(0x61);
    lateNul[8500] = 0;
    expect(diffContent('late.txt', lateNul, null).kind).toBe('text');
    const edgeNul = new Uint8Array(8000).fill(0x61);
    edgeNul[7999] = 0;
    expect(diffContent('edge.txt', edgeNul, null)).toEqual({ kind: 'binary' });
  });
});
