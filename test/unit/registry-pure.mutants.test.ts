// The registry's pure helpers: reading tracks, versions and aliases out of a ref listing, and
// the bounded retry around compare-and-swap races.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RaceLost,
  aliasVersions,
  retryRaces,
  trackIndex,
  tracksIn,
  versionByCommit,
} from '../../src/registry/registry.js';
import { SnapbackError } from '../../src/errors.js';

const refs = new Map([
  ['refs/versions/cfg/1', 'c1'],
  ['refs/versions/cfg/2', 'c2'],
  ['refs/versions/cfg/aliases/prod', 'c2'],
  ['refs/versions/cfg/aliases/gone', 'c9'],
  ['refs/versions/model/aliases/x', 'm1'],
  ['refs/versions//3', 'x'],
  ['refs/heads/main', 'h'],
  ['refs/notes/versions', 'n'],
]);

describe('ref listing helpers', () => {
  it('names every track that has a ref, sorted, once', () => {
    expect(tracksIn(refs)).toEqual(['cfg', 'model']);
    expect(tracksIn(new Map())).toEqual([]);
  });

  it('indexes versions and aliases of one track, and maps aliases to versions', () => {
    const index = trackIndex('cfg', refs);
    expect(index).toEqual({
      track: 'cfg',
      versions: new Map([
        [1, 'c1'],
        [2, 'c2'],
      ]),
      aliases: new Map([
        ['prod', 'c2'],
        ['gone', 'c9'],
      ]),
    });
    expect(versionByCommit(index)).toEqual(
      new Map([
        ['c1', 1],
        ['c2', 2],
      ]),
    );
    // An alias on a commit that is no version of the track is left out.
    expect(aliasVersions(index)).toEqual(new Map([['prod', 2]]));
  });
});

describe('retryRaces', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
    const out = p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.runAllTimersAsync();
    return out;
  }

  it('redoes an attempt that lost a race, logging each loss', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const log: string[] = [];
    const seen: number[] = [];
    const out = await settle(
      retryRaces(
        'prune cfg',
        (m) => log.push(m),
        async (n) => {
          seen.push(n);
          if (n < 3) throw new RaceLost('refs/notes/versions moved');
          return 'landed';
        },
      ),
    );
    expect(out).toEqual({ value: 'landed' });
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual([
      'Attempt 1: another run changed the registry first; looking again.',
      'Attempt 2: another run changed the registry first; looking again.',
    ]);
  });

  it('never redoes any other failure', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const log: string[] = [];
    let calls = 0;
    const boom = new Error('boom');
    const out = await settle(
      retryRaces(
        'prune',
        (m) => log.push(m),
        async () => {
          calls++;
          throw boom;
        },
      ),
    );
    expect(out.error).toBe(boom);
    expect(calls).toBe(1);
    expect(log).toEqual([]);
  });

  it('gives up after 40 lost races with a typed error and a hint', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let calls = 0;
    const out = await settle(
      retryRaces(
        'promote cfg',
        () => undefined,
        async () => {
          calls++;
          throw new RaceLost('x');
        },
      ),
    );
    expect(calls).toBe(40);
    const e = out.error as SnapbackError;
    expect(e).toBeInstanceOf(SnapbackError);
    expect(e.code).toBe('race-exhausted');
    expect(e.message).toBe(
      'Could not promote cfg after 40 attempts: other runs kept changing the registry first.',
    );
    expect(e.hint).toMatch(/concurrency group/);
    expect(new RaceLost('d').message).toBe('lost the race: d');
  });
});
