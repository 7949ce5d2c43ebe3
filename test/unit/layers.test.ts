/**
 * The pure core decides and imports nothing above it: no command, operation, host, report,
 * registry session or network code. What it may use besides itself: the typed errors, and
 * (as types only) the git adapter's interface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const core = join(src, 'core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Every relative import of a file: its target (relative to src/) and whether it is type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { target: string; typeOnly: boolean }[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4]!;
    const target = relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
    found.push({ target, typeOnly: m[2] !== undefined });
  }
  return found;
}

const ALLOWED = ['errors.ts'];
const ALLOWED_TYPES = ['git/git.ts'];

describe('layers', () => {
  it('src/core imports only itself, the typed errors and (types only) the git interface', () => {
    const wrong: string[] = [];
    for (const file of filesUnder(core)) {
      for (const { target, typeOnly } of importsOf(file)) {
        const ok =
          target.startsWith('core/') ||
          ALLOWED.includes(target) ||
          (typeOnly && ALLOWED_TYPES.includes(target));
        if (!ok) wrong.push(`${relative(src, file)} → ${target}${typeOnly ? ' (type)' : ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds the imports it checks (a scan that sees nothing proves nothing)', () => {
    const all = filesUnder(core).flatMap(importsOf);
    expect(all.some((i) => i.target === 'errors.ts')).toBe(true);
    expect(all.some((i) => i.target.startsWith('core/'))).toBe(true);
    expect(importsOf(join(src, 'operations', 'diff.ts')).map((i) => i.target)).toContain(
      'report/render-diff.ts',
    );
  });
});
