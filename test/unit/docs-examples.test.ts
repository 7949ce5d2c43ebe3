/**
 * Workflow examples in the docs must be safe to copy: an expression such as
 * `${{ steps.d.outputs.modified }}` inside `run:` is pasted into the shell script before it
 * runs, so file names from a pull request would become shell code. Examples pass values through
 * `env:` instead. Covers every YAML block of the Markdown docs and the project's own workflows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** Every `run:` string anywhere in a parsed YAML value, with the path that leads to it. */
function runScripts(value: unknown, path = ''): { path: string; script: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => runScripts(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === 'run' && typeof v === 'string'
      ? [{ path: `${path}.run`, script: v }]
      : runScripts(v, `${path}.${k}`),
  );
}

function expressionsInRun(yamlText: string): string[] {
  return parseAllDocuments(yamlText)
    .flatMap((doc) => runScripts(doc.toJS()))
    .filter((r) => r.script.includes('${{'))
    .map((r) => `${r.path}: ${r.script.trim().split('\n')[0]}`);
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

const markdownDocs = ['README.md', 'TESTING.md', 'CHANGELOG.md']
  .concat(
    (() => {
      try {
        return readdirSync(new URL('docs/', root)).map((f) => `docs/${f}`);
      } catch {
        return [];
      }
    })(),
  )
  .filter(
    (f) =>
      f.endsWith('.md') &&
      (() => {
        try {
          read(f);
          return true;
        } catch {
          return false;
        }
      })(),
  );

describe('workflow examples', () => {
  it('the check sees an expression inside run:, and accepts one passed through env:', () => {
    expect(expressionsInRun('- run: echo "${{ steps.d.outputs.modified }}"\n')).toHaveLength(1);
    expect(
      expressionsInRun(
        '- env:\n    MODIFIED: ${{ steps.d.outputs.modified }}\n  run: echo "$MODIFIED"\n',
      ),
    ).toEqual([]);
  });

  it.each(markdownDocs)('%s: no ${{ … }} inside run:', (file) => {
    const found = yamlBlocks(read(file)).flatMap(expressionsInRun);
    expect(found).toEqual([]);
  });

  it.each(readdirSync(new URL('.github/workflows/', root)))(
    '.github/workflows/%s: no ${{ … }} inside run:',
    (file) => {
      expect(expressionsInRun(read(`.github/workflows/${file}`))).toEqual([]);
    },
  );
});
