// Small pure helpers of src/core pinned exactly: ref names, authors, Markdown escaping, sizes,
// durations, names, drift, labels and the retention policy's wording.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  aliasRef,
  aliasesOf,
  latestVersion,
  trackPrefix,
  versionRef,
  versionsOf,
} from '../../src/core/refs.js';
import {
  ACTIONS_BOT,
  NOBODY,
  actionsIdentity,
  formatPerson,
  parseIdent,
  parsePerson,
} from '../../src/core/people.js';
import { cell, escapeMarkdown, link } from '../../src/report/markdown.js';
import { formatDuration, parseDuration } from '../../src/core/duration.js';
import { formatBytes, parseSize } from '../../src/core/size.js';
import { assertAliasName, assertTrackName, printable } from '../../src/core/track-name.js';
import { describePolicy } from '../../src/core/retention.js';
import { driftOf, driftWarnings } from '../../src/core/drift.js';
import { chooseLabel } from '../../src/core/label.js';

function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('refs', () => {
  it('spells the storage contract', () => {
    expect(trackPrefix('cfg')).toBe('refs/versions/cfg/');
    expect(versionRef('cfg', 12)).toBe('refs/versions/cfg/12');
    expect(aliasRef('cfg', 'prod')).toBe('refs/versions/cfg/aliases/prod');
  });

  it('finds versions of one track only, ignoring anything not a plain positive number', () => {
    const refs = new Map([
      ['refs/versions/cfg/1', 'a'],
      ['refs/versions/cfg/10', 'b'],
      ['refs/versions/cfg/0', 'x'],
      ['refs/versions/cfg/01', 'x'],
      ['refs/versions/cfg/2x', 'x'],
      ['refs/versions/cfg/x2', 'x'],
      ['refs/versions/cfg/aliases/prod', 'a'],
      ['refs/versions/cfg2/3', 'x'],
      ['refs/versions/other/4', 'x'],
      ['refs/versions/cfg/1234567890123456', 'c'],
      ['refs/versions/cfg/12345678901234567', 'x'],
    ]);
    expect(versionsOf('cfg', refs)).toEqual(
      new Map([
        [1, 'a'],
        [10, 'b'],
        [1234567890123456, 'c'],
      ]),
    );
    expect(latestVersion(versionsOf('cfg', refs))).toBe(1234567890123456);
    expect(latestVersion(new Map())).toBe(0);
    expect(
      latestVersion(
        new Map([
          [3, 'a'],
          [7, 'b'],
          [5, 'c'],
        ]),
      ),
    ).toBe(7);
  });

  it('finds aliases of one track only, never an empty name', () => {
    const refs = new Map([
      ['refs/versions/cfg/aliases/prod', 'a'],
      ['refs/versions/cfg/aliases/', 'x'],
      ['refs/versions/cfg/1', 'x'],
      ['refs/versions/other/aliases/prod', 'x'],
    ]);
    expect(aliasesOf('cfg', refs)).toEqual(new Map([['prod', 'a']]));
  });
});

describe('people', () => {
  it('authors a run as its actor by account id, else the bot; the bot commits', () => {
    expect(ACTIONS_BOT).toEqual({
      name: 'github-actions[bot]',
      email: '41898282+github-actions[bot]@users.noreply.github.com',
    });
    expect(NOBODY).toEqual({ name: 'snapback', email: 'snapback@snapback.invalid' });
    expect(actionsIdentity('octo-cat', 42)).toEqual({
      author: { name: 'octo-cat', email: '42+octo-cat@users.noreply.github.com' },
      committer: ACTIONS_BOT,
    });
    expect(actionsIdentity('dependabot[bot]', 7).author.name).toBe('dependabot[bot]');
    expect(actionsIdentity(`a${'b'.repeat(38)}`, 1).author.name).toBe(`a${'b'.repeat(38)}`);
    const releaser = { name: 'R', email: 'r@example.com' };
    expect(actionsIdentity('octo', 1, releaser).committer).toBe(releaser);
    for (const [actor, id] of [
      [undefined, 1],
      ['octo', undefined],
      ['octo', 0],
      ['octo', -1],
      ['octo', 1.5],
      ['-x', 1],
      ['a b', 1],
      ['x\nEvil: 1', 1],
      [`a${'b'.repeat(39)}`, 1],
      ['a[bot]x', 1],
    ] as const)
      expect(actionsIdentity(actor, id).author).toBe(ACTIONS_BOT);
  });

  it('reads and writes `Name <email>`', () => {
    expect(parsePerson('  Release Bot  <release-bot@example.com> ', 'committer')).toEqual({
      name: 'Release Bot',
      email: 'release-bot@example.com',
    });
    for (const bad of [
      'no address',
      '<a@b.c>',
      'N <a@b>',
      'N <a b@c.d>',
      'N <a@b.c> x',
      `N${'x'.repeat(320)} <a@b.c>`,
      'N\t<a@b.c>',
    ]) {
      try {
        parsePerson(bad, 'committer');
        throw new Error(`accepted ${bad}`);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).message).toMatch(
          /^Input 'committer': '.*' is not a name and an address in the form 'Name <email>'\.$/,
        );
        expect((e as InputError).hint).toMatch(/^Give both, like 'Release Bot/);
      }
    }
    expect(parseIdent('A U Thor <a@b.c> 1700000000 +0000')).toEqual({
      name: 'A U Thor',
      email: 'a@b.c',
    });
    expect(parseIdent('<a@b.c> 1 +0000')).toBeUndefined();
    expect(parseIdent('Name <> 1 +0000')).toBeUndefined();
    expect(parseIdent('garbage')).toBeUndefined();
    expect(formatPerson({ name: 'A', email: 'a@b.c' })).toBe('A <a@b.c>');
  });
});

describe('markdown', () => {
  it('escapes each special character exactly', () => {
    expect(escapeMarkdown('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
    expect(escapeMarkdown('x\ny\tz\u007f\u0000')).toBe('x y z  ');
    expect(escapeMarkdown('\\`*_{}[]|~')).toBe('\\\\\\`\\*\\_\\{\\}\\[\\]\\|\\~');
    expect(escapeMarkdown('@me')).toBe('@\u200dme');
    expect(escapeMarkdown('plain text-1.2')).toBe('plain text-1.2');
  });

  it('shortens cells past the limit with an ellipsis, and not at it', () => {
    expect(cell('abcdef', 6)).toBe('abcdef');
    expect(cell('abcdefg', 6)).toBe('abcde…');
    expect(cell('x'.repeat(200))).toBe('x'.repeat(200));
    expect(cell('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`);
    expect(cell('<b>', 10)).toBe('&lt;b&gt;');
  });

  it('links only whole http(s) URLs', () => {
    expect(link('run', 'https://github.com/o/r/actions/runs/1')).toBe(
      '[run](https://github.com/o/r/actions/runs/1)',
    );
    expect(link('run', 'http://127.0.0.1:8080/x')).toBe('[run](http://127.0.0.1:8080/x)');
    expect(link('r_n', 'javascript:alert(1)')).toBe('r\\_n');
    expect(link('run', 'xhttps://e.vil')).toBe('run');
    expect(link('run', 'https://e.vil/a b')).toBe('run');
    expect(link('run', 'https://e.vil/a)(b')).toBe('run');
    expect(link('run', 'ftp://e.vil')).toBe('run');
    expect(link('run', 'https://')).toBe('run');
  });
});

describe('durations', () => {
  it('parses every unit, decimals and bare days, with spaces and any case', () => {
    expect(parseDuration('30m', 'x')).toBe(30 * 60_000);
    expect(parseDuration('30 min', 'x')).toBe(30 * 60_000);
    expect(parseDuration('12h', 'x')).toBe(12 * 3_600_000);
    expect(parseDuration('7', 'x')).toBe(7 * 86_400_000);
    expect(parseDuration(' 1.5D ', 'x')).toBe(1.5 * 86_400_000);
    expect(parseDuration('2w', 'x')).toBe(14 * 86_400_000);
    expect(parseDuration('10.25h', 'x')).toBe(10.25 * 3_600_000);
  });

  it('refuses anything else, naming the input and the units', () => {
    for (const bad of ['', 'd', '7 days', '1.d', '1.5.2d', 'x7d', '7dx', '-1d', '7d 1']) {
      const e = thrown(() => parseDuration(bad, 'max-age'));
      expect(e.message).toBe(`Input 'max-age': '${bad}' is not a duration.`);
      expect(e.hint).toMatch(/m \(minutes\), h \(hours\), d \(days\) or w \(weeks\)/);
    }
  });

  it('prints the two largest units', () => {
    expect(formatDuration(0)).toBe('under a minute');
    expect(formatDuration(59_999)).toBe('under a minute');
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(3_600_000 + 10 * 60_000)).toBe('1h 10m');
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000)).toBe('3d 4h');
    expect(formatDuration(2 * 86_400_000 + 5 * 60_000)).toBe('2d');
  });
});

describe('sizes', () => {
  it('parses numbers with optional units and spaces', () => {
    expect(parseSize(' 1.5 KB ', 'x')).toBe(1536);
    expect(parseSize('2GiB', 'x')).toBe(2 * 1024 ** 3);
    expect(parseSize('3 b', 'x')).toBe(3);
    expect(parseSize('1.9', 'x')).toBe(1);
    expect(thrown(() => parseSize('0.5', 'x')).message).toBe(
      "Input 'x': must be greater than zero.",
    );
  });

  it('refuses malformed sizes and unknown units with a hint', () => {
    for (const bad of ['', 'MB', '1.MB', '1.5.5', 'x1', '1 MB x', '1 TB', '-1']) {
      const e = thrown(() => parseSize(bad, 'max-file-size'));
      expect(e.message).toBe(`Input 'max-file-size': '${bad}' is not a size.`);
      expect(e.hint).toMatch(/KB, MB or GB/);
    }
  });

  it('formats bytes in binary units with one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(-1023)).toBe('-1023 B');
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(-2048)).toBe('-2.0 KiB');
    expect(formatBytes(100 * 1024)).toBe('100 KiB');
    expect(formatBytes(99.5 * 1024)).toBe('99.5 KiB');
    expect(formatBytes(-100 * 1024)).toBe('-100 KiB');
    expect(formatBytes(1024 ** 2)).toBe('1.0 MiB');
    expect(formatBytes(1023 * 1024)).toBe('1023 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(formatBytes(-5 * 1024 ** 3)).toBe('-5.0 GiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB');
    expect(formatBytes(2048 * 1024 ** 4)).toBe('2048 TiB');
  });
});

describe('names', () => {
  it('shows control characters as escapes and cuts long values', () => {
    expect(printable('a\nb\u0000\u007f')).toBe('a\\x0ab\\x00\\x7f');
    expect(printable('ok')).toBe('ok');
    expect(printable('abcd', 4)).toBe('abcd');
    expect(printable('abcde', 4)).toBe('abcd…');
    expect(printable('x'.repeat(81))).toBe(`${'x'.repeat(80)}…`);
  });

  it('names the input and the refused track name, printable', () => {
    const e = thrown(() => assertTrackName('Bad\nName', 'tracks'));
    expect(e.message).toBe("Input 'tracks': 'Bad\\x0aName' is not a valid track name.");
    expect(e.hint).toMatch(/1-64 characters/);
    expect(thrown(() => assertTrackName('A')).input).toBe('track');
    expect(assertTrackName('ok')).toBe('ok');
  });

  it('refuses aliases that read as selectors, accepts the rest', () => {
    for (const bad of [
      '3',
      'v3',
      'v12',
      'latest',
      'previous',
      'worktree',
      'aliases',
      'Prod',
      'a/b',
    ]) {
      const e = thrown(() => assertAliasName(bad, 'alias'));
      expect(e.message).toBe(`Input 'alias': '${bad}' is not a valid alias name.`);
      expect(e.hint).toMatch(/not a version selector/);
    }
    expect(thrown(() => assertAliasName('v1')).input).toBe('alias');
    for (const ok of ['prod', 'v', 'v1x', '3d', 'x3', 'latest-1', 'staging'])
      expect(assertAliasName(ok)).toBe(ok);
  });
});

describe('describePolicy', () => {
  it('words counts in singular and plural', () => {
    expect(describePolicy({ keepLast: 1 })).toBe(
      'keep the last 1 version and every aliased version',
    );
    expect(describePolicy({ keepLast: 5, keepDays: 1 })).toBe(
      'keep the last 5 versions, versions younger than 1 day and every aliased version',
    );
    expect(describePolicy({ keepLast: 0, keepDays: 30 })).toBe(
      'keep the last 0 versions, versions younger than 30 days and every aliased version',
    );
  });
});

describe('drift', () => {
  const now = new Date('2026-01-10T00:00:00Z');

  it('counts only newer versions and dates the lag from the first newer one that has a time', () => {
    const d = driftOf(
      'prod',
      3,
      [
        { n: 1, at: '2025-12-01T00:00:00Z' },
        { n: 6, at: '2026-01-08T00:00:00Z' },
        { n: 3, at: '2026-01-01T00:00:00Z' },
        { n: 4 },
        { n: 5, at: '2026-01-07T00:00:00Z' },
      ],
      now,
    );
    expect(d).toEqual({
      alias: 'prod',
      version: 3,
      latest: 6,
      behind: 3,
      behindSince: '2026-01-07T00:00:00Z',
      ageMs: 3 * 86_400_000,
    });
  });

  it('is current with nothing newer, whatever the times say', () => {
    expect(driftOf('prod', 5, [{ n: 5, at: '2026-01-01T00:00:00Z' }, { n: 2 }], now)).toEqual({
      alias: 'prod',
      version: 5,
      latest: 5,
      behind: 0,
      behindSince: null,
      ageMs: 0,
    });
    // An alias on a version whose ref is gone still counts as the latest it knows.
    expect(driftOf('prod', 9, [{ n: 2 }], now).latest).toBe(9);
  });

  it('has no age when no newer version has a time, and never a negative one', () => {
    expect(driftOf('a', 1, [{ n: 2 }], now)).toMatchObject({
      behind: 1,
      behindSince: null,
      ageMs: 0,
    });
    expect(driftOf('a', 1, [{ n: 2, at: '2026-02-01T00:00:00Z' }], now).ageMs).toBe(0);
  });

  it('warns only past the thresholds', () => {
    const d = {
      alias: 'a',
      version: 1,
      latest: 3,
      behind: 2,
      behindSince: 'x',
      ageMs: 2 * 3_600_000,
    };
    expect(driftWarnings(d, {})).toEqual([]);
    expect(driftWarnings(d, { versions: 2, ageMs: 2 * 3_600_000 })).toEqual([]);
    expect(driftWarnings(d, { versions: 1, ageMs: 3_600_000 })).toEqual([
      '2 versions behind (threshold 1)',
      'behind for 2h (threshold 1h)',
    ]);
    expect(driftWarnings({ ...d, behind: 1 }, { versions: 0 })).toEqual([
      '1 version behind (threshold 0)',
    ]);
  });
});

describe('chooseLabel', () => {
  const sha = 'abcdef0123456789';

  it('takes a VERSION file, trimmed and cleaned', () => {
    expect(chooseLabel({ versionFile: '  v1.2.3\n', sourceCommit: sha })).toEqual({
      label: '1.2.3',
      from: 'VERSION',
    });
  });

  it('falls back from a bad VERSION to package.json, refusing non-semver or odd JSON', () => {
    const pkg = (v: unknown) => JSON.stringify({ version: v });
    expect(
      chooseLabel({ versionFile: 'nope', packageJson: pkg('2.0.0'), sourceCommit: sha }),
    ).toEqual({
      label: '2.0.0',
      from: 'package.json',
    });
    for (const odd of [pkg('x'), pkg(2), 'null', '"1.0.0"', '[]', '{bad', ''])
      expect(chooseLabel({ packageJson: odd, tags: ['v0.9.0'], sourceCommit: sha })).toEqual({
        label: '0.9.0',
        from: 'tag',
      });
  });

  it('takes the highest semver tag, else dev-<short sha>', () => {
    expect(
      chooseLabel({ tags: ['v1.0.0', 'junk', '1.10.0', 'v1.9.0'], sourceCommit: sha }),
    ).toEqual({ label: '1.10.0', from: 'tag' });
    expect(chooseLabel({ tags: ['junk', ''], sourceCommit: sha })).toEqual({
      label: 'dev-abcdef0',
      from: 'commit',
    });
    expect(chooseLabel({ versionFile: '', sourceCommit: sha })).toEqual({
      label: 'dev-abcdef0',
      from: 'commit',
    });
  });
});
