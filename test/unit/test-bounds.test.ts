/**
 * The suite runs on busy machines: a test that takes 20 s alone can take minutes there. So no
 * test may set itself a tighter bound than the suite's own (vitest.config.ts): a per-test or
 * per-hook timeout below it only turns a slow machine into a failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';

const ROOT = join(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('test timeouts', () => {
  it('no test or hook sets a timeout below the suite-wide one', () => {
    const suite = config.test?.testTimeout ?? 0;
    expect(suite).toBeGreaterThanOrEqual(300_000);
    expect(config.test?.hookTimeout).toBe(suite);
    // A number right after the callback that closes an it/beforeAll (on its line or the next);
    // not a timer (`setInterval(() => {}, 1000)`) nor a small count passed after a callback.
    const explicit = /\}\s*,\s*(\d{1,3}(?:_\d{3})+|\d{4,})\s*,?\s*\)/g;
    const tight: string[] = [];
    for (const file of testFiles(join(ROOT, 'test'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(explicit)) {
        const ms = Number(m[1]!.replaceAll('_', ''));
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        if (/set(Interval|Timeout)\(/.test(text.slice(lineStart, m.index))) continue;
        if (ms < suite) {
          const line = text.slice(0, m.index).split('\n').length;
          tight.push(`${relative(ROOT, file)}:${line} sets ${m[1]} ms`);
        }
      }
    }
    expect(tight).toEqual([]);
  });
});
