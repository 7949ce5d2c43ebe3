import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  describeVersions,
  FIRST_LABEL_BATCH,
  parseSelector,
  resolveSelector,
  type ResolveContext,
  type TrackIndex,
} from '../../src/core/selectors.js';

const oid = (n: number) => n.toString(16).padStart(40, '0');

/** Versions 1-5; `active` → v3, `production` → v2, `stray` → a commit that is no version. */
const INDEX: TrackIndex = {
  track: 'config',
  versions: new Map([1, 2, 3, 4, 5].map((n) => [n, oid(n)])),
  aliases: new Map([
    ['active', oid(3)],
    ['production', oid(2)],
    ['stray', 'f'.repeat(40)],
  ]),
};

/**
 * Labels in recording order. The numbering of labels differs from the numbering of versions on
 * purpose: v4 (1.2.5) is a patch of an older line recorded after 1.3.0, and v5 has no semver label.
 */
const LABELS = new Map([
  [1, '1.2.0'],
  [2, '1.3.0'],
  [3, '2.0.0-rc.1'],
  [4, '1.2.5'],
  [5, 'dev-0123abc'],
]);

const COMMITS = new Set(['main', 'abc1234', 'v']);

function ctx(extra: Partial<ResolveContext> = {}): ResolveContext {
  return {
    input: 'to',
    labels: async () => LABELS,
    isCommit: async (rev) => COMMITS.has(rev),
    ...extra,
  };
}

async function resolve(text: string, extra: Partial<ResolveContext> = {}, index = INDEX) {
  return resolveSelector(parseSelector(text, 'to'), index, ctx(extra));
}

/** The InputError a call throws; fails the test when it throws nothing or something else. */
async function inputError(run: () => unknown): Promise<InputError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}

describe('parseSelector', () => {
  it('reads numbers and vN as version numbers, leading zeros and surrounding blanks included', () => {
    expect(parseSelector('3', 'to')).toEqual({ kind: 'version', n: 3 });
    expect(parseSelector('v12', 'to')).toEqual({ kind: 'version', n: 12 });
    expect(parseSelector('  7\n', 'to')).toEqual({ kind: 'version', n: 7 });
    expect(parseSelector('v01', 'to')).toEqual({ kind: 'version', n: 1 });
    expect(parseSelector('007', 'to')).toEqual({ kind: 'version', n: 7 });
    expect(parseSelector('999999999999999', 'to')).toEqual({ kind: 'version', n: 999999999999999 });
  });

  it('reads the keywords, and everything else safe as a name', () => {
    expect(parseSelector('latest', 'to')).toEqual({ kind: 'latest' });
    expect(parseSelector('previous', 'from')).toEqual({ kind: 'previous' });
    expect(parseSelector(' worktree ', 'to')).toEqual({ kind: 'worktree' });
    for (const text of ['active', '^1.2', '>=1.2 <2', '1.5', 'v', 'abc1234', 'release/1.x']) {
      expect(parseSelector(text, 'to')).toEqual({ kind: 'name', text });
    }
  });

  it('refuses zero and numbers too large to be a version, naming the input and the value', async () => {
    for (const text of ['0', 'v0', '000', '1234567890123456789', 'v99999999999999999999']) {
      const e = await inputError(() => parseSelector(text, 'version'));
      expect(e.input).toBe('version');
      expect(e.message).toContain(`Input 'version': '${text}' is not a version number`);
      expect(e.hint).toMatch(/latest/);
    }
  });

  it('refuses empty, option-like, control-character and path-escaping selectors', async () => {
    const cases: [string, string][] = [
      ['', "''"],
      ['   ', "''"],
      ['-1', "'-1'"],
      ['--upload-pack=evil', "'--upload-pack=evil'"],
      ['main..topic', "'main..topic'"],
      ['a\tb', "'a\\x09b'"],
      ['x\u0000y', "'x\\x00y'"],
      ['$(reboot)', "'$(reboot)'"],
      ['a'.repeat(201), `'${'a'.repeat(80)}…'`],
    ];
    for (const [text, shown] of cases) {
      const e = await inputError(() => parseSelector(text, 'from'));
      expect(e.input).toBe('from');
      expect(e.message).toBe(`Input 'from': ${shown} is not a version selector.`);
    }
  });
});

describe('resolveSelector', () => {
  it('resolves a version number to its snapshot commit, and names the missing one', async () => {
    expect(await resolve('4')).toEqual({ kind: 'version', n: 4, oid: oid(4), via: 'v4' });
    expect(await resolve('v2')).toEqual({ kind: 'version', n: 2, oid: oid(2), via: 'v2' });
    const e = await inputError(() => resolve('9'));
    expect(e.message).toBe("Input 'to': version 9 does not exist.");
    expect(e.hint).toBe(describeVersions(INDEX));
  });

  it('resolves latest to the highest version number, and refuses it on an empty track', async () => {
    expect(await resolve('latest')).toMatchObject({ n: 5, via: 'latest' });
    const gapped = {
      ...INDEX,
      versions: new Map([
        [2, oid(2)],
        [10, oid(10)],
        [7, oid(7)],
      ]),
    };
    expect(await resolve('latest', {}, gapped)).toMatchObject({ n: 10, oid: oid(10) });
    const empty = { track: 'config', versions: new Map(), aliases: new Map() };
    const e = await inputError(() => resolve('latest', {}, empty));
    expect(e.message).toBe("Input 'to': 'latest' has nothing to point at.");
    expect(e.hint).toBe("Track 'config' has no versions yet.");
  });

  it('resolves previous relative to the other side, skipping gaps in the numbering', async () => {
    expect(await resolve('previous')).toMatchObject({ n: 4, via: 'previous' });
    expect(await resolve('previous', { relativeTo: 3 })).toMatchObject({ n: 2 });
    const gapped = {
      ...INDEX,
      versions: new Map([
        [2, oid(2)],
        [7, oid(7)],
        [10, oid(10)],
      ]),
    };
    expect(await resolve('previous', { relativeTo: 10 }, gapped)).toMatchObject({ n: 7 });
    expect(await resolve('previous', { relativeTo: 7 }, gapped)).toMatchObject({ n: 2 });
    // The other side is the work tree or a commit: the latest version comes before it.
    expect(await resolve('previous', { relativeTo: null })).toMatchObject({ n: 5 });
    const e = await inputError(() => resolve('previous', { relativeTo: 1 }));
    expect(e.message).toBe("Input 'to': there is no version before v1.");
    const single = { ...INDEX, versions: new Map([[1, oid(1)]]), aliases: new Map() };
    await inputError(() => resolve('previous', {}, single));
    const empty = { track: 'config', versions: new Map(), aliases: new Map() };
    const none = await inputError(() => resolve('previous', { relativeTo: null }, empty));
    expect(none.message).toBe("Input 'to': there is no version before the work tree.");
  });

  it('resolves worktree without looking anything up', async () => {
    const never = async () => {
      throw new Error('looked up');
    };
    expect(await resolve('worktree', { labels: never, isCommit: never })).toEqual({
      kind: 'worktree',
    });
  });

  it('resolves an alias to the version it points at, before ranges and commits', async () => {
    expect(await resolve('active')).toEqual({ kind: 'version', n: 3, oid: oid(3), via: 'active' });
    expect(await resolve('production')).toMatchObject({ n: 2, via: 'production' });
    // An alias named like a commit or a range still means the alias.
    const index = {
      ...INDEX,
      aliases: new Map([
        ['main', oid(1)],
        ['1.x', oid(1)],
      ]),
    };
    expect(await resolve('main', {}, index)).toMatchObject({ kind: 'version', n: 1 });
    expect(await resolve('1.x', {}, index)).toMatchObject({ kind: 'version', n: 1, via: '1.x' });
    const e = await inputError(() => resolve('stray'));
    expect(e.message).toBe(
      "Input 'to': alias 'stray' points at a commit that is not a version of 'config'.",
    );
  });

  it('resolves a semver range to the newest version whose label satisfies it', async () => {
    // Newest = most recently recorded (highest version number), not the highest label and
    // not the first match: ^1.2 matches v1 (1.2.0), v2 (1.3.0) and v4 (1.2.5) → v4.
    expect(await resolve('^1.2')).toEqual({ kind: 'version', n: 4, oid: oid(4), via: '^1.2' });
    expect(await resolve('~1.2')).toMatchObject({ n: 4 });
    expect(await resolve('>=1.3 <2')).toMatchObject({ n: 2 });
    expect(await resolve('1.3.0')).toMatchObject({ n: 2 });
    // A partial version is a range: 1.2 means 1.2.x.
    expect(await resolve('1.2')).toMatchObject({ n: 4 });
    expect(await resolve('1.x')).toMatchObject({ n: 4 });
    // Pre-releases and non-semver labels never satisfy a range that does not name a pre-release.
    expect(await resolve('*')).toMatchObject({ n: 4 });
    expect(await resolve('>=2.0.0-rc.0')).toMatchObject({ n: 3 });
    const e = await inputError(() => resolve('^3'));
    expect(e.message).toBe("Input 'to': no version's label satisfies '^3'.");
    expect(e.hint).toBe(describeVersions(INDEX));
  });

  it('loads labels only when a range needs them', async () => {
    let loads = 0;
    const labels = async () => {
      loads++;
      return LABELS;
    };
    for (const text of ['3', 'latest', 'previous', 'active', 'worktree', 'main', 'abc1234']) {
      await resolve(text, { labels });
    }
    expect(loads).toBe(0);
    await resolve('^1', { labels });
    expect(loads).toBe(1);
  });

  it('reads labels newest first, a batch at a time, and stops at the batch with the match', async () => {
    // 10,000 versions labelled 1.<n>.0, so `~1.<n>.0` selects exactly version n.
    const long: TrackIndex = {
      track: 'config',
      versions: new Map(Array.from({ length: 10_000 }, (_, i) => [i + 1, oid(i + 1)])),
      aliases: new Map(),
    };
    const asked: number[] = [];
    const labels = async (versions: readonly number[]) => {
      asked.push(...versions);
      return new Map(versions.map((n) => [n, `1.${n}.0`]));
    };
    const near = await resolve('~1.9990.0', { labels }, long);
    expect(near).toMatchObject({ n: 9_990 });
    expect(asked.length).toBe(FIRST_LABEL_BATCH);
    expect(Math.min(...asked)).toBe(10_000 - FIRST_LABEL_BATCH + 1);
    // A match deep down still wins over no match; every version is asked about once at most.
    asked.length = 0;
    expect(await resolve('~1.1.0', { labels }, long)).toMatchObject({ n: 1 });
    expect(asked.length).toBe(10_000);
    expect(new Set(asked).size).toBe(10_000);
    // The newest satisfying version is the highest number, even when an older batch holds a higher label.
    const mixed = new Map(
      Array.from({ length: 10_000 }, (_, i) => [
        i + 1,
        i + 1 === 9_000 ? '1.2.0' : i + 1 === 100 ? '1.9.0' : 'dev-x',
      ]),
    );
    const found = await resolve(
      '^1',
      {
        labels: async (v) =>
          new Map(v.flatMap((n) => (mixed.has(n) ? [[n, mixed.get(n)!] as const] : []))),
      },
      long,
    );
    expect(found).toMatchObject({ n: 9_000 });
  });

  it('resolves a commit-ish the caller knows, and names anything else it cannot read', async () => {
    expect(await resolve('main')).toEqual({ kind: 'commit', rev: 'main' });
    expect(await resolve('abc1234')).toEqual({ kind: 'commit', rev: 'abc1234' });
    expect(await resolve('v')).toEqual({ kind: 'commit', rev: 'v' });
    for (const text of ['nosuchalias', '>=foo', 'lat est', '1.2.3.4', '^x.y']) {
      const e = await inputError(() => resolve(text));
      expect(e.message).toBe(
        `Input 'to': '${text}' is not a version, alias, semver range or commit of track 'config'.`,
      );
      expect(e.hint).toBe(describeVersions(INDEX));
    }
  });

  it('treats a range as a commit-ish when no labels are at hand', async () => {
    const e = await inputError(() => resolve('^1.2', { labels: undefined }));
    expect(e.message).toContain("'^1.2' is not a version, alias, semver range or commit");
  });
});

describe('describeVersions', () => {
  it('lists versions (shortened when long), the latest and the aliases', () => {
    expect(describeVersions(INDEX)).toBe(
      "Versions of 'config': 1, 2, 3, 4, 5 (latest 5); aliases: active → v3, production → v2, stray → v?.",
    );
    const many = {
      track: 'm',
      versions: new Map(Array.from({ length: 40 }, (_, i) => [i + 1, oid(i + 1)])),
      aliases: new Map(),
    };
    expect(describeVersions(many)).toBe(
      "Versions of 'm': 1, 2, 3, …, 33, 34, 35, 36, 37, 38, 39, 40 (latest 40).",
    );
  });
});
