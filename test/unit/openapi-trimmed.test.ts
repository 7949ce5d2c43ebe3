/**
 * The fake GitHub validates against a trimmed copy of GitHub's OpenAPI description. It must hold
 * every operation the fake routes and every operation the product calls, be self-contained, and
 * say which published description it came from; regenerate it with scripts/trim-openapi.mjs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../harness/fake-github/handlers/index.js';
// @ts-expect-error: a plain .mjs script without types
import { OPERATIONS, SOURCE_PACKAGE, SOURCE_VERSION, trim } from '../../scripts/trim-openapi.mjs';

const root = new URL('../../', import.meta.url);
const trimmed = JSON.parse(
  readFileSync(new URL('test/harness/fake-github/api.github.com.trimmed.json', root), 'utf8'),
) as {
  info: Record<string, unknown>;
  paths: Record<string, Record<string, { operationId: string }>>;
  components: Record<string, Record<string, unknown>>;
};
const ids = new Set(
  Object.values(trimmed.paths).flatMap((item) => Object.values(item).map((op) => op.operationId)),
);
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function sources(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(new URL(`${e.name}/`, dir))
      : e.name.endsWith('.ts')
        ? [readFileSync(new URL(e.name, dir), 'utf8')]
        : [],
  );
}

describe('trimmed OpenAPI description', () => {
  it('is the one the regeneration script writes: same source and operation list', () => {
    expect(trimmed.info['x-snapback-trimmed-from']).toBe(
      `${SOURCE_PACKAGE}@${SOURCE_VERSION} generated/api.github.com.json`,
    );
    expect(trimmed.info['x-snapback-operations']).toEqual([...(OPERATIONS as string[])].sort());
    expect([...ids].sort()).toEqual([...(OPERATIONS as string[])].sort());
  });

  it('holds every operation the fake routes', () => {
    const missing = Object.keys(HANDLERS).filter((id) => !ids.has(id));
    expect(missing, 'add them to scripts/trim-openapi.mjs and run it').toEqual([]);
  });

  it('holds every REST operation the product calls (octokit.rest.<scope>.<method>)', () => {
    const called = new Set(
      sources(new URL('src/', root)).flatMap((text) =>
        [...text.matchAll(/\brest\.([a-zA-Z]+)\.([a-zA-Z]+)\(/g)].map(
          (m) => `${kebab(m[1]!)}/${kebab(m[2]!)}`,
        ),
      ),
    );
    expect(called.size).toBeGreaterThan(0);
    const missing = [...called].filter((id) => !ids.has(id));
    expect(missing, 'add them to scripts/trim-openapi.mjs and run it').toEqual([]);
  });

  it('is self-contained: trimming it again keeps it whole (no dangling $ref)', () => {
    const again = trim(trimmed) as typeof trimmed;
    expect(again.paths).toEqual(trimmed.paths);
    expect(again.components).toEqual(trimmed.components);
  });
});
