/** The status file is written track by track and reads back as the status it was given; show-versions. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from '../harness/index.js';
import { writeStatusFile, type StatusResult, type TrackStatus } from '../../src/commands/status.js';
import { parseShowVersions } from '../../src/operations/status.js';

afterAll(cleanupTempDirs);

function track(name: string, versions: number): TrackStatus {
  return {
    track: name,
    latest: versions || null,
    count: versions,
    versions: Array.from({ length: versions }, (_, i) => ({
      version: i + 1,
      commit: 'a'.repeat(40),
      aliases: i === 0 ? ['active'] : [],
      label: `1.0.${i} "quoted"\n`,
      metrics: { f1: i / 10 },
    })),
    aliases: [],
    history: {},
    pruned: [{ version: 7 }],
  };
}

describe('writeStatusFile', () => {
  it.each([
    ['no track', []],
    ['one track', [track('a', 3)]],
    ['several tracks, one empty', [track('a', 2), track('b', 0), track('c<x>', 5)]],
  ])('%s: the same text as JSON.stringify(result, null, 2)', async (_name, tracks) => {
    const result: StatusResult = { generatedAt: '2026-01-01T00:00:00.000Z', tracks };
    const file = join(tempDir(), 'status.json');
    await writeStatusFile(file, result);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(JSON.stringify(result, null, 2));
    expect(JSON.parse(text)).toEqual(result);
  });
});

describe('show-versions', () => {
  it('takes a whole number of at least 1 or all; empty is the default', () => {
    expect(parseShowVersions('')).toBeUndefined();
    expect(parseShowVersions(' 20 ')).toBe(20);
    expect(parseShowVersions('ALL')).toBe('all');
    for (const bad of ['0', '-1', '2.5', 'many', '1e3']) {
      expect(() => parseShowVersions(bad), bad).toThrow(
        /Input 'show-versions': .* is not a whole number of at least 1, nor 'all'/,
      );
    }
  });
});
