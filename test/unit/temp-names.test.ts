import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isStale, tempName } from '../../src/git/temp-names.js';

const DAY = 24 * 3_600_000;

describe('isStale', () => {
  const now = Date.now();
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;

  it("keeps this process's own names and a live process's recent ones", () => {
    expect(isStale(tempName(), now)).toBe(false);
    expect(isStale(`${process.ppid}-${now - 1000}-abcd1234`, now)).toBe(false);
  });

  it('removes names of a process that is gone, of an earlier life of this pid, or older than a day', () => {
    expect(isStale(`${dead}-${now}-abcd1234`, now)).toBe(true);
    expect(isStale(`${process.pid}-${now - 5 * DAY}-abcd1234`, now)).toBe(true);
    expect(isStale(`${process.pid}-${now - 123_456}-abcd1234`, now)).toBe(true);
    expect(isStale(`${process.ppid}-${now - 2 * DAY}-abcd1234`, now)).toBe(true);
  });

  it('judges the older <pid>-<random> names by process and file age, and leaves others alone', () => {
    expect(isStale(`${dead}-abcd1234`, now)).toBe(true);
    expect(isStale(`${process.ppid}-abcd1234`, now, now - 1000)).toBe(false);
    expect(isStale(`${process.ppid}-abcd1234`, now, now - 2 * DAY)).toBe(true);
    expect(isStale('someone-else', now)).toBe(false);
  });
});
