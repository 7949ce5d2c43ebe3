import { describe, expect, it } from 'vitest';
import { diffContent } from '../../src/core/content-diff/index.js';
import type { ContentDiff } from '../../src/core/content-diff/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const diffToml = (before: string | null, after: string | null): ContentDiff =>
  diffContent(
    'pyproject.toml',
    before === null ? null : bytes(before),
    after === null ? null : bytes(after),
  );

describe('diffContent on TOML', () => {
  it('compares nested tables key by key', () => {
    const before =
      '[tool.lint.rules.style]\nline-length = 88\nquotes = "double"\n\n[tool.lint]\nenabled = true\n';
    const after =
      '[tool.lint.rules.style]\nline-length = 100\n\n[tool.lint]\nenabled = true\n\n[tool.lint."per-file".tests]\nignore = ["E501"]\n';
    expect(diffToml(before, after)).toEqual({
      kind: 'structured',
      format: 'toml',
      keys: [
        { path: 'tool.lint.rules.style.line-length', kind: 'changed', before: 88, after: 100 },
        { path: 'tool.lint.rules.style.quotes', kind: 'removed', before: 'double' },
        { path: 'tool.lint.per-file', kind: 'added', after: { tests: { ignore: ['E501'] } } },
      ],
    });
  });

  it('matches arrays of tables by name', () => {
    const before =
      '[[bin]]\nname = "cli"\npath = "src/cli.rs"\n\n[[bin]]\nname = "server"\npath = "src/server.rs"\n';
    const after =
      '[[bin]]\nname = "cli"\npath = "src/cli.rs"\n\n[[bin]]\nname = "migrate"\npath = "src/migrate.rs"\n\n[[bin]]\nname = "server"\npath = "src/main.rs"\n';
    expect(diffToml(before, after).keys).toEqual([
      { path: 'bin[1]', kind: 'added', after: { name: 'migrate', path: 'src/migrate.rs' } },
      { path: 'bin[2].path', kind: 'changed', before: 'src/server.rs', after: 'src/main.rs' },
    ]);
  });

  it('reports dates and times as ISO strings', () => {
    const before =
      'odt = 1979-05-27T07:32:00Z\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00\n';
    const after =
      'odt = 1979-05-27T00:32:00-07:00\nld = 1979-05-28\nlt = 07:32:00\nldt = 1979-05-27T08:00:00\n';
    expect(diffToml(before, after).keys).toEqual([
      {
        path: 'odt',
        kind: 'changed',
        before: '1979-05-27T07:32:00.000Z',
        after: '1979-05-27T00:32:00.000-07:00',
      },
      { path: 'ld', kind: 'changed', before: '1979-05-27', after: '1979-05-28' },
      {
        path: 'ldt',
        kind: 'changed',
        before: '1979-05-27T07:32:00.000',
        after: '1979-05-27T08:00:00.000',
      },
    ]);
  });

  it('keeps 64-bit integers exact as decimal strings', () => {
    expect(
      diffToml('big = 9223372036854775807\nsmall = 1\n', 'big = 9223372036854775806\nsmall = 1\n')
        .keys,
    ).toEqual([
      { path: 'big', kind: 'changed', before: '9223372036854775807', after: '9223372036854775806' },
    ]);
  });

  it('lists the top-level keys of a new file, and an empty file has none', () => {
    expect(diffToml(null, 'title = "x"\n[owner]\nname = "me"\n').keys).toEqual([
      { path: 'title', kind: 'added', after: 'x' },
      { path: 'owner', kind: 'added', after: { name: 'me' } },
    ]);
    expect(diffToml('', '')).toEqual({ kind: 'structured', format: 'toml', keys: [] });
  });

  it('falls back to line counts when one side does not parse', () => {
    expect(diffToml('a = 1\nb = 2\n', 'a = 1\nb = \n')).toEqual({
      kind: 'text',
      lines: { added: 1, removed: 1 },
      note: 'Compared line by line: the after version is not valid TOML (Invalid TOML document: invalid value).',
    });
  });
});
