// The two serialisations of a version (commit trailers, notes lines) and the history read back
// from notes, pinned exactly.
import { describe, expect, it } from 'vitest';
import {
  NOTES_SCHEMA,
  appendToNote,
  demotedEvent,
  parseNote,
  producedEvent,
  promotedEvent,
  prunedEvent,
  rolledBackEvent,
  type NoteEvent,
} from '../../src/core/notes-format.js';
import {
  formatCommitMessage,
  parseTrailers,
  parseVersionMessage,
  subjectLine,
  type VersionMeta,
} from '../../src/core/version-meta.js';
import { promotionHistory } from '../../src/core/promotion-history.js';

const AT = '2026-01-02T03:04:05.000Z';
const base: VersionMeta = {
  track: 'cfg',
  version: 2,
  previousVersion: null,
  sourceCommit: 'a'.repeat(40),
  label: '',
  files: 0,
  bytes: 0,
};

describe('note events', () => {
  it('writes each event with exactly its fields', () => {
    expect(NOTES_SCHEMA).toBe(1);
    expect(producedEvent({ ...base, runUrl: 'https://r/1' }, 'c1', AT)).toEqual({
      schema: 1,
      event: 'recorded',
      track: 'cfg',
      version: 2,
      at: AT,
      commit: 'c1',
      runUrl: 'https://r/1',
    });
    expect(producedEvent(base, 'c1', AT)).toEqual({
      schema: 1,
      event: 'recorded',
      track: 'cfg',
      version: 2,
      at: AT,
      commit: 'c1',
    });
    const by = { actor: 'octo', runUrl: 'https://r/2', reason: 'why' };
    expect(promotedEvent('cfg', 3, 'prod', 1, AT, by)).toEqual({
      schema: 1,
      event: 'promoted',
      track: 'cfg',
      version: 3,
      at: AT,
      alias: 'prod',
      from: 1,
      actor: 'octo',
      runUrl: 'https://r/2',
      reason: 'why',
    });
    expect(promotedEvent('cfg', 3, 'prod', null, AT, {}, 'f1 improved')).toEqual({
      schema: 1,
      event: 'promoted',
      track: 'cfg',
      version: 3,
      at: AT,
      alias: 'prod',
      from: null,
      auto: true,
      rule: 'f1 improved',
    });
    expect(demotedEvent('cfg', 3, 'prod', AT, { actor: 'octo' })).toEqual({
      schema: 1,
      event: 'demoted',
      track: 'cfg',
      version: 3,
      at: AT,
      alias: 'prod',
      actor: 'octo',
    });
    expect(prunedEvent('cfg', 1, AT, { runUrl: 'https://r/3' }, 'keep 1')).toEqual({
      schema: 1,
      event: 'pruned',
      track: 'cfg',
      version: 1,
      at: AT,
      policy: 'keep 1',
      runUrl: 'https://r/3',
    });
    expect(rolledBackEvent('cfg', 1, AT, 4, 'c4', { reason: 'bad' })).toEqual({
      schema: 1,
      event: 'rolled-back',
      track: 'cfg',
      version: 1,
      at: AT,
      restoredAs: 4,
      restoredCommit: 'c4',
      reason: 'bad',
    });
  });

  it('reads only well-formed event lines, skipping blanks and foreign ones', () => {
    const good = { schema: 1, event: 'recorded', track: 't', version: 1, at: AT };
    const lines = [
      JSON.stringify(good),
      '   ',
      '',
      'not json',
      'null',
      '7',
      '"text"',
      JSON.stringify({ ...good, event: 3 }),
      JSON.stringify({ ...good, track: null }),
      JSON.stringify({ ...good, version: '1' }),
      JSON.stringify({ event: 'x', track: 't' }),
      JSON.stringify({ ...good, version: 2 }),
    ];
    expect(parseNote(lines.join('\n'))).toEqual([good, { ...good, version: 2 }]);
  });

  it('appends to a note, dropping blank lines and never duplicating one', () => {
    const e1: NoteEvent = { schema: 1, event: 'recorded', track: 't', version: 1, at: AT };
    const e2: NoteEvent = { ...e1, version: 2 };
    const existing = `foreign line\n\n   \n${JSON.stringify(e1)}\n`;
    expect(appendToNote(existing, [e1, e2, e2])).toBe(
      `foreign line\n${JSON.stringify(e1)}\n${JSON.stringify(e2)}\n`,
    );
    expect(appendToNote('', [e1])).toBe(`${JSON.stringify(e1)}\n`);
  });
});

describe('version commit message', () => {
  it('writes the subject, the body without CRs, and only the fields that have a value', () => {
    expect(subjectLine('cfg', 7)).toBe('snapback: cfg v7');
    const msg = formatCommitMessage(
      { ...base, label: '', reason: 'x', files: 0, runAttempt: 1 },
      '  Body\r\nline  \n',
    );
    expect(msg).toBe(
      [
        'snapback: cfg v2',
        '',
        'Body',
        'line',
        '',
        'track: cfg',
        'version: 2',
        `source-commit: ${'a'.repeat(40)}`,
        'files: 0',
        'size: 0',
        'reason: x',
        'run-attempt: 1',
        '',
      ].join('\n'),
    );
    expect(formatCommitMessage(base, ' \r\n ')).toBe(
      `snapback: cfg v2\n\ntrack: cfg\nversion: 2\nsource-commit: ${'a'.repeat(40)}\nfiles: 0\nsize: 0\n`,
    );
  });

  it('writes values with control characters, a leading quote or edge spaces as JSON strings', () => {
    const t = (reason: string) =>
      formatCommitMessage({ ...base, reason }, '')
        .split('\n')
        .find((l) => l.startsWith('reason: '));
    expect(t('a\tb')).toBe('reason: "a\\tb"');
    // JSON leaves DEL as it is, but quoted: the line still cannot break.
    expect(t('a\u007fb')).toBe('reason: "a\u007fb"');
    expect(t('"quoted"')).toBe('reason: "\\"quoted\\""');
    expect(t(' lead')).toBe('reason: " lead"');
    expect(t('trail ')).toBe('reason: "trail "');
    expect(t('ends with a quote"')).toBe('reason: ends with a quote"');
    expect(t('plain: text')).toBe('reason: plain: text');
    for (const r of ['a\tb', '"quoted"', ' lead', 'trail ', 'ends with a quote"'])
      expect(parseVersionMessage(formatCommitMessage({ ...base, reason: r }, ''))?.reason).toBe(r);
  });

  it('reads trailers only from the last paragraph, keeping values that are not JSON strings', () => {
    const t = parseTrailers(
      'subject\n\nbody: not a trailer\n\r\n \nKey-1: "a\\nb"\nother:  two spaces\nbad: "unclosed\nnum: "\nx:y\nnot a trailer\n-dash: no\n',
    );
    expect(t).toEqual(
      new Map([
        ['key-1', 'a\nb'],
        ['other', ' two spaces'],
        ['bad', '"unclosed'],
        ['num', '"'],
        ['x', 'y'],
      ]),
    );
    expect(parseTrailers('subject: only one paragraph\n')).toEqual(new Map());
    expect(parseTrailers('s\n\nk: "\\u0031"')).toEqual(new Map([['k', '1']]));
    expect(parseTrailers('s\n\nk: "not" json')).toEqual(new Map([['k', '"not" json']]));
    expect(parseTrailers('s\n\nk: 5')).toEqual(new Map([['k', '5']]));
  });

  it('rebuilds metadata, with defaults and without malformed numbers or objects', () => {
    const msg = [
      's',
      '',
      'track: cfg',
      'version: 3',
      'source-commit: abc',
      'previous-version: x2',
      'files: 2x',
      'size: 1.5',
      'run-attempt: 3',
      'rollback-of: 1',
      'metrics: [1,2]',
      'metadata: {"k":"v"}',
    ].join('\n');
    expect(parseVersionMessage(msg)).toEqual({
      track: 'cfg',
      version: 3,
      previousVersion: null,
      sourceCommit: 'abc',
      label: '',
      files: 0,
      bytes: 0,
      runUrl: undefined,
      runId: undefined,
      runAttempt: 3,
      workflow: undefined,
      job: undefined,
      event: undefined,
      actor: undefined,
      reason: undefined,
      rollbackOf: 1,
      metrics: undefined,
      metadata: { k: 'v' },
    });
    for (const metrics of ['null', '"s"', '5', '{bad'])
      expect(parseVersionMessage(`${msg}\nmetrics: ${metrics}`)?.metrics).toBeUndefined();
  });

  it('is not a version without a track, a positive version and a source commit', () => {
    const ok = 's\n\ntrack: t\nversion: 1\nsource-commit: c';
    expect(parseVersionMessage(ok)?.version).toBe(1);
    expect(parseVersionMessage('s\n\nversion: 1\nsource-commit: c')).toBeUndefined();
    expect(parseVersionMessage('s\n\ntrack: t\nsource-commit: c')).toBeUndefined();
    expect(parseVersionMessage('s\n\ntrack: t\nversion: 0\nsource-commit: c')).toBeUndefined();
    expect(parseVersionMessage('s\n\ntrack: t\nversion: 1')).toBeUndefined();
  });
});

describe('promotionHistory', () => {
  const ev = (
    e: Partial<NoteEvent> & { event: string; version: number; at: string },
  ): NoteEvent => ({
    schema: 1,
    track: 't',
    alias: 'prod',
    ...e,
  });

  it('orders by time, keeping written order for equal times, and ignores foreign events', () => {
    const events = [
      ev({ event: 'promoted', version: 2, at: '2026-01-03' }),
      ev({ event: 'promoted', version: 1, at: '2026-01-01', actor: 'a', reason: 'r', runUrl: 'u' }),
      ev({ event: 'promoted', version: 3, at: '2026-01-03', rule: 'f1 up', actor: 5 }),
      ev({ event: 'promoted', version: 9, at: '2026-01-02', track: 'other' }),
      ev({ event: 'recorded', version: 8, at: '2026-01-02' }),
      ev({ event: 'promoted', version: 7, at: '2026-01-02', alias: 5 }),
      {
        schema: 1,
        event: 'promoted',
        track: 't',
        version: 6,
        alias: 'prod',
        at: 5,
      } as unknown as NoteEvent,
    ];
    expect(promotionHistory('t', events)).toEqual([
      {
        alias: 'prod',
        version: 1,
        from: '2026-01-01',
        until: '2026-01-03',
        actor: 'a',
        reason: 'r',
        runUrl: 'u',
        rule: undefined,
      },
      {
        alias: 'prod',
        version: 2,
        from: '2026-01-03',
        until: '2026-01-03',
        actor: undefined,
        reason: undefined,
        runUrl: undefined,
        rule: undefined,
      },
      {
        alias: 'prod',
        version: 3,
        from: '2026-01-03',
        until: null,
        actor: undefined,
        reason: undefined,
        runUrl: undefined,
        rule: 'f1 up',
      },
    ]);
  });

  it('closes a tenure only on a demotion of the version that holds it, and skips re-promotions', () => {
    const h = promotionHistory('t', [
      ev({ event: 'demoted', version: 1, at: '2026-01-01' }),
      ev({ event: 'promoted', version: 1, at: '2026-01-02' }),
      ev({ event: 'promoted', version: 1, at: '2026-01-03' }),
      ev({ event: 'demoted', version: 5, at: '2026-01-04' }),
      ev({ event: 'demoted', version: 1, at: '2026-01-05' }),
      ev({ event: 'promoted', version: 2, at: '2026-01-06', alias: 'beta' }),
    ]);
    expect(h.map((x) => [x.alias, x.version, x.from, x.until])).toEqual([
      ['prod', 1, '2026-01-02', '2026-01-05'],
      ['beta', 2, '2026-01-06', null],
    ]);
  });
});
