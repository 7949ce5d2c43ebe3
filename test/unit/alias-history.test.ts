import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { aliasPositions } from '../../src/core/alias-history.js';
import {
  demotedEvent,
  promotedEvent,
  recordedEvent,
  type NoteEvent,
} from '../../src/core/notes-format.js';
import { parseSelector, resolveSelector, type TrackIndex } from '../../src/core/selectors.js';

const oid = (n: number) => n.toString(16).padStart(40, '0');
const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
const by = { actor: 'octo' };

/** production: created on v2, moved to v4, then v3 (v3 pruned since), then v6. */
const EVENTS: NoteEvent[] = [
  promotedEvent('conf', 6, 'production', 3, at(40), by),
  promotedEvent('conf', 2, 'production', null, at(10), by),
  promotedEvent('conf', 4, 'production', 2, at(20), by),
  // v3's own promotion event lived on v3's note, which no existing version carries any more.
  promotedEvent('conf', 5, 'staging', null, at(25), by),
  promotedEvent('other', 1, 'production', null, at(26), by),
  { ...recordedEvent({ track: 'conf', version: 6 } as never, oid(6), at(39)) },
];

const INDEX: TrackIndex = {
  track: 'conf',
  versions: new Map([2, 4, 5, 6].map((n) => [n, oid(n)])),
  aliases: new Map([
    ['production', oid(6)],
    ['staging', oid(5)],
  ]),
};

async function resolve(text: string, events = EVENTS, index = INDEX) {
  return resolveSelector(parseSelector(text, 'version'), index, {
    input: 'version',
    aliasEvents: async () => events,
  });
}

async function inputError(run: () => unknown): Promise<InputError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

describe('aliasPositions', () => {
  it('lists where an alias pointed, newest first, repairing gaps from `from`', () => {
    expect(aliasPositions('conf', 'production', EVENTS, 6)).toEqual([6, 3, 4, 2, null]);
    expect(aliasPositions('conf', 'staging', EVENTS, 5)).toEqual([5, null]);
  });

  it('counts a demotion and a move made with plain git as moves', () => {
    const events = [
      promotedEvent('conf', 2, 'live', null, at(1), by),
      demotedEvent('conf', 2, 'live', at(2), by),
      promotedEvent('conf', 4, 'live', null, at(3), by),
    ];
    expect(aliasPositions('conf', 'live', events, 4)).toEqual([4, null, 2, null]);
    // The ref moved to v5 without an event: now is v5, and v4 is one move back.
    expect(aliasPositions('conf', 'live', events, 5)).toEqual([5, 4, null, 2, null]);
    // Removed: position 0 is "none".
    expect(aliasPositions('conf', 'live', events.slice(0, 2), null)).toEqual([null, 2, null]);
  });

  it('orders by time, not by the order the notes were read in', () => {
    const events = [
      promotedEvent('conf', 3, 'a', 1, at(3), by),
      promotedEvent('conf', 1, 'a', null, at(1), by),
    ];
    expect(aliasPositions('conf', 'a', events, 3)).toEqual([3, 1, null]);
  });

  it('a promotion to where the alias already was is no move', () => {
    const events = [
      promotedEvent('conf', 1, 'a', null, at(1), by),
      promotedEvent('conf', 1, 'a', 1, at(2), by),
    ];
    expect(aliasPositions('conf', 'a', events, 1)).toEqual([1, null]);
  });
});

describe('alias@{n} selectors', () => {
  it('resolves positions back from now', async () => {
    expect(await resolve('production@{0}')).toMatchObject({ n: 6, via: 'production@{0}' });
    expect(await resolve('production@{1}').catch((e: Error) => e.message)).toBe(
      "Input 'version': 'production@{1}' is v3, which no longer exists (pruned).",
    );
    expect(await resolve('production@{2}')).toMatchObject({ kind: 'version', n: 4, oid: oid(4) });
    expect(await resolve('production@{3}')).toMatchObject({ n: 2 });
    expect(await resolve(' staging@{0} ')).toMatchObject({ n: 5 });
  });

  it('explains positions before the alias existed and beyond its history', async () => {
    const before = await inputError(() => resolve('production@{4}'));
    expect(before.message).toMatch(/'production' did not exist at 'production@\{4\}'/);
    expect(before.hint).toBe('Its positions, newest first: v6, v3, v4, v2, none.');
    const far = await inputError(() => resolve('production@{9}'));
    expect(far.message).toMatch(/has moved 4 times, so production@\{4\} is the oldest/);
    const unknown = await inputError(() => resolve('canary@{1}'));
    expect(unknown.message).toMatch(/has no alias 'canary' and no record of one/);
  });

  it('rejects malformed forms, naming the input', async () => {
    for (const bad of [
      'production@{}',
      'production@{-1}',
      'production@{1.5}',
      'production@{yesterday}',
      'production@{1',
      '@{1}',
      'Production@{1}',
      '3@{1}',
      'prod/x@{1}',
      'production@{1234567}',
    ]) {
      const e = await inputError(() => parseSelector(bad, 'from'));
      expect(e.message, bad).toMatch(/^Input 'from': /);
      expect(e.hint, bad).toMatch(/production@\{1\} where it pointed before its last move/);
    }
  });
});
