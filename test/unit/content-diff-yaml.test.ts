import { describe, expect, it } from 'vitest';
import { diffContent } from '../../src/core/content-diff/index.js';
import type { ContentDiff } from '../../src/core/content-diff/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const diffYaml = (before: string | null, after: string | null, path = 'app.yaml'): ContentDiff =>
  diffContent(path, before === null ? null : bytes(before), after === null ? null : bytes(after));

describe('diffContent on YAML', () => {
  it('compares nested mappings and sequences key by key', () => {
    const before =
      'llm:\n  model: small\n  params:\n    sampling:\n      temperature: 0.2\nservers:\n  - name: a\n    port: 1\n';
    const after =
      'llm:\n  model: large\n  params:\n    sampling:\n      temperature: 0.7\nservers:\n  - name: z\n    port: 9\n  - name: a\n    port: 2\n';
    expect(diffYaml(before, after, 'CONFIG.YML')).toEqual({
      kind: 'structured',
      format: 'yaml',
      keys: [
        { path: 'llm.model', kind: 'changed', before: 'small', after: 'large' },
        { path: 'llm.params.sampling.temperature', kind: 'changed', before: 0.2, after: 0.7 },
        { path: 'servers[0]', kind: 'added', after: { name: 'z', port: 9 } },
        { path: 'servers[1].port', kind: 'changed', before: 1, after: 2 },
      ],
    });
  });

  it('resolves anchors, aliases and merge keys, so a changed anchor shows at every use', () => {
    const source = (timeout: number) =>
      [
        'defaults: &defaults',
        `  timeout: ${timeout}`,
        '  retries: 3',
        'services:',
        '  api:',
        '    <<: *defaults',
        '    retries: 5',
        '  worker:',
        '    <<: *defaults',
        'fallback: *defaults',
        '',
      ].join('\n');
    expect(diffYaml(source(10), source(30)).keys).toEqual([
      { path: 'defaults.timeout', kind: 'changed', before: 10, after: 30 },
      { path: 'services.api.timeout', kind: 'changed', before: 10, after: 30 },
      { path: 'services.worker.timeout', kind: 'changed', before: 10, after: 30 },
      { path: 'fallback.timeout', kind: 'changed', before: 10, after: 30 },
    ]);
    // A key the merging mapping overrides does not follow the anchor.
    const retries = (n: number) => source(10).replace('retries: 3', `retries: ${n}`);
    expect(diffYaml(retries(3), retries(4)).keys).toEqual([
      { path: 'defaults.retries', kind: 'changed', before: 3, after: 4 },
      { path: 'services.worker.retries', kind: 'changed', before: 3, after: 4 },
      { path: 'fallback.retries', kind: 'changed', before: 3, after: 4 },
    ]);
  });

  it('prefixes paths with [doc N] in multi-document files', () => {
    const before = 'kind: Service\nport: 80\n---\nkind: Deployment\nspec:\n  replicas: 1\n';
    const after =
      'kind: Service\nport: 80\n---\nkind: Deployment\nspec:\n  replicas: 3\n---\nkind: ConfigMap\n';
    expect(diffYaml(before, after).keys).toEqual([
      { path: '[doc 2].spec.replicas', kind: 'changed', before: 1, after: 3 },
      { path: '[doc 3].kind', kind: 'added', after: 'ConfigMap' },
    ]);
    // A whole document that is not a mapping, and one that changes type, sit at the bare prefix.
    expect(diffYaml('a: 1\n---\n- x\n', 'a: 1\n---\nplain\n').keys).toEqual([
      { path: '[doc 2]', kind: 'changed', before: ['x'], after: 'plain' },
    ]);
    expect(diffYaml('a: 1\n---\n- x\n', 'a: 1\n').keys).toEqual([
      { path: '[doc 2]', kind: 'removed', before: ['x'] },
    ]);
  });

  it('uses no prefix when both versions hold a single document', () => {
    expect(diffYaml('---\na: 1\n', 'a: 2\n...\n').keys).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('lists the top-level keys of a new or deleted file', () => {
    expect(diffYaml(null, 'a: 1\nb: [x]\n').keys).toEqual([
      { path: 'a', kind: 'added', after: 1 },
      { path: 'b', kind: 'added', after: ['x'] },
    ]);
    expect(diffYaml('a: 1\n', null).keys).toEqual([{ path: 'a', kind: 'removed', before: 1 }]);
  });

  it('treats an empty or comment-only file as no document', () => {
    expect(diffYaml('', '# nothing yet\n')).toEqual({
      kind: 'structured',
      format: 'yaml',
      keys: [],
    });
    expect(diffYaml('# nothing yet\n', 'a: 1\n').keys).toEqual([
      { path: 'a', kind: 'added', after: 1 },
    ]);
  });

  it('falls back to line counts when one side does not parse', () => {
    expect(diffYaml('a: 1\nb: [1, 2\n', 'a: 1\nb: [1, 2]\n')).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
      note: expect.stringMatching(
        /^Compared line by line: the before version is not valid YAML \(.+\)\.$/,
      ),
    });
    const duplicate = diffYaml('a: 1\n', 'a: 1\na: 2\n');
    expect(duplicate.kind).toBe('text');
    expect(duplicate.note).toMatch(/the after version is not valid YAML \(.*unique.*\)/i);
  });

  it('refuses alias expansion bombs instead of expanding them', () => {
    const laughs = [
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
      '',
    ].join('\n');
    expect(diffYaml('a: 1\n', laughs)).toEqual({
      kind: 'text',
      lines: { added: 6, removed: 1 },
      note: 'Compared line by line: the after version is not valid YAML (Excessive alias count indicates a resource exhaustion attack).',
    });
  });

  it('reports YAML 1.1 timestamps as ISO strings', () => {
    const doc = (day: number) => `%YAML 1.1\n---\nreleased: 2024-05-0${day}\n`;
    expect(diffYaml(doc(1), doc(2)).keys).toEqual([
      {
        path: 'released',
        kind: 'changed',
        before: '2024-05-01T00:00:00.000Z',
        after: '2024-05-02T00:00:00.000Z',
      },
    ]);
  });

  it('parses a file that starts with a byte order mark and has CRLF line endings', () => {
    expect(diffYaml('\uFEFFa: 1\r\nb: 2\r\n', '\uFEFFa: 1\r\nb: 3\r\n').keys).toEqual([
      { path: 'b', kind: 'changed', before: 2, after: 3 },
    ]);
  });
});
