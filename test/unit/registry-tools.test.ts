/**
 * The pure parts of list, verify, reindex, import and export: which versions a listing shows,
 * the registry's invariants, which index lines a reindex writes, tag order, and tar headers.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLimit, parseSince, selectVersions } from '../../src/core/version-filter.js';
import { checkRegistry, type CommitRead } from '../../src/core/registry-check.js';
import { planReindex, type VersionFacts } from '../../src/core/reindex-plan.js';
import { compareTags, orderTags, tagMatcher } from '../../src/core/tag-order.js';
import { archiveEnd, entryHeader, padding } from '../../src/core/tar.js';
import { formatCommitMessage, type VersionMeta } from '../../src/core/version-meta.js';
import { recordedEvent, type NoteEvent } from '../../src/core/notes-format.js';
import { cleanupTempDirs, tempDir } from '../harness/index.js';

afterAll(cleanupTempDirs);

const oid = (c: string) => c.repeat(40).slice(0, 40);
const meta = (track: string, version: number, extra: Partial<VersionMeta> = {}): VersionMeta => ({
  track,
  version,
  previousVersion: version > 1 ? version - 1 : null,
  sourceCommit: oid('s'),
  label: `1.0.${version}`,
  files: 1,
  bytes: 2,
  actor: 'alice',
  ...extra,
});

describe('version-filter', () => {
  const vs = [1, 2, 3, 4].map((n) => ({ version: n, at: `2024-01-0${n}T00:00:00Z` }));
  it('lists newest first, since a time, at most a number', () => {
    expect(selectVersions(vs, {}).map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(selectVersions(vs, { limit: 2 }).map((v) => v.version)).toEqual([4, 3]);
    expect(
      selectVersions(vs, { since: new Date('2024-01-02T00:00:00Z') }).map((v) => v.version),
    ).toEqual([4, 3, 2]);
    expect(selectVersions([{ version: 1 }], { since: new Date() })).toHaveLength(1);
  });
  it('reads --since as a date or a duration back from now, and names the option', () => {
    const now = new Date('2024-05-10T00:00:00Z');
    expect(parseSince('2024-05-01', 'since', now).toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(parseSince('2d', 'since', now).toISOString()).toBe('2024-05-08T00:00:00.000Z');
    expect(() => parseSince('2024-13-45', 'since', now)).toThrow(/Input 'since'/);
    expect(() => parseSince('soon', 'since', now)).toThrow(/Input 'since'/);
    expect(parseLimit('20', 'limit')).toBe(20);
    expect(() => parseLimit('0', 'limit')).toThrow(/Input 'limit'/);
    expect(() => parseLimit('x', 'limit')).toThrow(/Input 'limit'/);
  });
});

describe('checkRegistry', () => {
  const ok = (m: VersionMeta): CommitRead => ({ message: formatCommitMessage(m, '') });
  const recorded = (m: VersionMeta, commit: string) => [recordedEvent(m, commit, 'T')];
  it('finds nothing wrong with a sound registry', () => {
    const refs = new Map([
      ['refs/versions/a/1', oid('1')],
      ['refs/versions/a/2', oid('2')],
      ['refs/versions/a/aliases/active', oid('2')],
    ]);
    const commits = new Map([
      [oid('1'), ok(meta('a', 1))],
      [oid('2'), ok(meta('a', 2))],
    ]);
    const events = new Map([
      [oid('1'), recorded(meta('a', 1), oid('1'))],
      [oid('2'), recorded(meta('a', 2), oid('2'))],
    ]);
    expect(checkRegistry({ refs, commits, events, badLines: new Map(), notes: 'ok' })).toEqual([]);
  });
  it('names each kind of damage', () => {
    const refs = new Map([
      ['refs/versions/a/1', oid('1')],
      ['refs/versions/a/01', oid('1')],
      ['refs/versions/a/2', oid('1')],
      ['refs/versions/a/3', oid('3')],
      ['refs/versions/a/4', oid('4')],
      ['refs/versions/a/aliases/x', oid('9')],
      ['refs/versions/Bad/1', oid('1')],
    ]);
    const commits = new Map<string, CommitRead>([
      [oid('1'), ok(meta('a', 1, { label: 'one' }))],
      [oid('3'), { message: 'hand made\n' }],
      [oid('4'), { missing: 'gone' }],
    ]);
    const events = new Map([[oid('1'), recorded(meta('a', 1, { label: 'uno' }), oid('1'))]]);
    const problems = checkRegistry({
      refs,
      commits,
      events,
      badLines: new Map([[oid('1'), 2]]),
      notes: { missing: 'no such object' },
    });
    expect(problems.map((p) => [p.kind, p.ref ?? p.track ?? ''])).toEqual([
      ['bad-track-name', 'refs/versions/Bad/1'],
      ['stray-ref', 'refs/versions/a/01'],
      ['wrong-trailers', 'refs/versions/Bad/1'],
      ['missing-note', 'refs/versions/Bad/1'],
      ['note-disagrees', 'refs/versions/a/1'],
      ['wrong-trailers', 'refs/versions/a/2'],
      ['missing-note', 'refs/versions/a/2'],
      ['unreadable-trailers', 'refs/versions/a/3'],
      ['missing-note', 'refs/versions/a/3'],
      ['missing-objects', 'refs/versions/a/4'],
      ['duplicate-version', 'a'],
      ['duplicate-version', 'a'],
      ['dangling-alias', 'refs/versions/a/aliases/x'],
      ['missing-notes', 'refs/notes/versions'],
      ['unreadable-note-lines', ''],
    ]);
    expect(problems[1]!.message).toMatch(/looks like version 1/);
    expect(problems[9]!.message).toMatch(/\(gone\)/);
  });
});

describe('planReindex', () => {
  const facts = (n: number, extra: Partial<VersionMeta> = {}): VersionFacts => ({
    track: 'a',
    version: n,
    commit: oid(String(n)),
    tree: oid('t'),
    meta: meta('a', n, { ...extra, sourceCommit: oid('s') }),
    committedAt: '2024-01-01T00:00:00.000Z',
    changes: { added: 0, modified: 1, deleted: 0 },
  });
  it('writes the recorded, source and rolled-back lines a recording would, and only missing ones', () => {
    const plan = planReindex([facts(1), facts(2, { rollbackOf: 1 })], new Map());
    const v2 = plan.events.get(oid('2'))!;
    expect(v2).toEqual([
      {
        ...recordedEvent(meta('a', 2, { rollbackOf: 1 }), oid('2'), '2024-01-01T00:00:00.000Z'),
        tree: oid('t'),
        treeNotesFrom: 1,
        changes: { added: 0, modified: 1, deleted: 0 },
      },
    ]);
    // The snapshot tree's line (what rollback detection reads), one per version holding it.
    expect(plan.events.get(oid('t'))!.map((e) => [e.event, e.version, e.commit])).toEqual([
      ['recorded', 1, oid('1')],
      ['recorded', 2, oid('2')],
    ]);
    expect(plan.events.get(oid('s'))!.map((e) => [e.event, e.version])).toEqual([
      ['recorded', 1],
      ['recorded', 2],
    ]);
    expect(plan.events.get(oid('1'))!.map((e) => e.event)).toEqual(['recorded', 'rolled-back']);
    expect(plan.events.get(oid('1'))![1]).toMatchObject({ version: 1, restoredAs: 2 });
    expect(plan.rebuilt.get('a')).toEqual([1, 2]);

    const existing = new Map<string, NoteEvent[]>([
      [oid('1'), [...plan.events.get(oid('1'))!]],
      [oid('s'), [...plan.events.get(oid('s'))!]],
      [oid('t'), [...plan.events.get(oid('t'))!]],
    ]);
    const second = planReindex([facts(1), facts(2, { rollbackOf: 1 })], existing);
    expect([...second.events.keys()]).toEqual([oid('2')]);
    expect(second.rebuilt.get('a')).toEqual([2]);
  });
  it('reports versions without readable or matching trailers and writes nothing for them', () => {
    const plan = planReindex(
      [
        { ...facts(1), meta: undefined },
        { ...facts(2), meta: meta('a', 5) },
      ],
      new Map(),
    );
    expect(plan.events.size).toBe(0);
    expect(plan.unreadable.map((u) => u.version)).toEqual([1, 2]);
  });
});

describe('tag order', () => {
  it('orders release tags as versions, others by the numbers in them', () => {
    expect(orderTags(['v1.10.0', 'v1.9.2', 'v1.0.0', 'v1.0.0-rc.1', 'v2.0.0'])).toEqual([
      'v1.0.0-rc.1',
      'v1.0.0',
      'v1.9.2',
      'v1.10.0',
      'v2.0.0',
    ]);
    expect(orderTags(['r10', 'r2', 'r1', 'release-b', 'release-a'])).toEqual([
      'r1',
      'r2',
      'r10',
      'release-a',
      'release-b',
    ]);
    expect(compareTags('build-99999999999999999999', 'build-100000000000000000000')).toBe(-1);
  });
  it('matches tag names with a glob and refuses an empty pattern', () => {
    const m = tagMatcher('v*', 'tags');
    expect(['v1', 'r2', 'r10', 'v2'].filter(m)).toEqual(['v1', 'v2']);
    expect(() => tagMatcher(' ', 'tags')).toThrow(/Input 'tags'/);
  });
});

describe('tar', () => {
  const run = promisify(execFile);
  it('writes archives that tar reads: long and non-ASCII names, links, modes', async () => {
    const long = `${'d'.repeat(90)}/${'e'.repeat(90)}/ü-file.txt`;
    const files = [
      { path: 'a.txt', mode: 0o644, data: Buffer.from('hello\n') },
      { path: 'bin/run.sh', mode: 0o755, data: Buffer.from('#!/bin/sh\n') },
      { path: long, mode: 0o644, data: Buffer.alloc(1000, 7) },
      { path: 'empty', mode: 0o644, data: Buffer.alloc(0) },
    ];
    const parts: Buffer[] = [];
    for (const f of files) {
      parts.push(
        entryHeader({ path: f.path, mode: f.mode, size: f.data.length, mtime: 1 }),
        f.data,
      );
      parts.push(padding(f.data.length));
    }
    parts.push(entryHeader({ path: 'link', mode: 0o777, size: 0, mtime: 1, linkTarget: 'a.txt' }));
    parts.push(archiveEnd());
    const buf = Buffer.concat(parts);
    expect(buf.length % 512).toBe(0);
    const dir = tempDir('tar');
    await writeFile(join(dir, 'x.tar'), buf);
    await mkdir(join(dir, 'out'));
    await run('tar', ['-xf', join(dir, 'x.tar'), '-C', join(dir, 'out')]);
    for (const f of files) expect(await readFile(join(dir, 'out', f.path))).toEqual(f.data);
    expect(await readlink(join(dir, 'out', 'link'))).toBe('a.txt');
    const listing = (await run('tar', ['-tvf', join(dir, 'x.tar')])).stdout;
    expect(listing).toMatch(/-rwxr-xr-x .* bin\/run\.sh/);
  });
});
