/**
 * The registry's upkeep on a real server: `reindex` rebuilds the notes index from the refs and
 * trailers after the index is deleted with plain git (status and list then show the same
 * versions, labels, actors, reasons, metrics and aliases as before); `verify` names each kind
 * of damage made by hand with plain git; `list` and `show` read what a recording wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  createRemoteRepo,
  git,
  pushCommit,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import { record } from '../../src/commands/record.js';
import { promote } from '../../src/commands/promote.js';
import { status, type StatusResult } from '../../src/commands/status.js';
import { reindex } from '../../src/commands/reindex.js';
import { verify } from '../../src/commands/verify.js';
import { list } from '../../src/commands/list.js';
import { show } from '../../src/commands/show.js';
import { parsePatterns } from '../../src/core/globs.js';
import { importTags } from '../../src/commands/import.js';
import { InputError } from '../../src/errors.js';

const NOTES = 'refs/notes/versions';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const log = () => undefined;

async function recordIn(
  ng: NativeGit,
  ws: string,
  content: string,
  extra: { actor: string; reason: string; f1: number },
) {
  await writeTree(ws, { 'm/w.json': content });
  const r = await record(
    { git: ng, resolveLabel: async () => `1.0.${extra.f1 * 100}`, log },
    {
      tracks: [
        {
          name: 'm',
          patterns: parsePatterns(['m/**']),
          maxFileSize: 1e9,
          source: 'paths',
          metrics: { f1: extra.f1 },
        },
      ],
      reason: extra.reason,
      metadata: { dataset: `d${extra.f1 * 100}` },
      dryRun: false,
      context: { actor: extra.actor, runUrl: `https://ci.example/run/${extra.f1 * 100}` },
    },
  );
  return r.tracks[0]!;
}

/** Five versions by two people (v5 rolls back to v1), production at v2, staging at v4. */
async function registry(repo: string) {
  await createRemoteRepo(server, repo, { 'm/w.json': '"a"', 'README.md': 'x' });
  const ws = tempDir('ws');
  await git(ws, ['clone', '-q', server.repoUrl(repo), '.']);
  const ng = await NativeGit.open(ws, { url: server.repoUrl(repo) });
  const commits: string[] = [];
  const contents = ['"a"', '"b"', '"c"', '"d"', '"a"'];
  for (const [i, c] of contents.entries()) {
    const actor = i % 2 === 0 ? 'alice' : 'bob';
    const r = await recordIn(ng, ws, c, { actor, reason: `step ${i + 1}`, f1: (i + 1) / 10 });
    commits.push(r.commit!);
  }
  await promote(
    { git: ng, log },
    { track: 'm', version: '2', alias: 'production', dryRun: false, by: { actor: 'carol' } },
  );
  await promote(
    { git: ng, log },
    { track: 'm', version: '4', alias: 'staging', dryRun: false, by: {} },
  );
  return { ws, ng, commits };
}

/** A fresh full clone that has never fetched a version or the notes. */
async function clone(repo: string) {
  const dir = tempDir('clone');
  await git(dir, ['clone', '-q', server.repoUrl(repo), '.']);
  return NativeGit.open(dir, { url: server.repoUrl(repo) });
}

/** What a user compares after a reindex: everything status shows except recording times. */
function essentials(s: StatusResult) {
  return s.tracks.map((t) => ({
    track: t.track,
    latest: t.latest,
    aliases: t.aliases.map((a) => [a.alias, a.version]),
    versions: t.versions.map((v) => ({
      version: v.version,
      commit: v.commit,
      label: v.label,
      actor: v.actor,
      reason: v.reason,
      runUrl: v.runUrl,
      files: v.files,
      bytes: v.bytes,
      changes: v.changes,
      metrics: v.metrics,
      aliases: v.aliases,
      rollbackOf: v.rollbackOf,
    })),
  }));
}

function recordedLines(note: string) {
  return note
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.event === 'recorded')
    .map(({ at: _at, ...rest }) => rest);
}

describe('reindex', () => {
  it('rebuilds the deleted index: status and list show the same versions, labels, actors and aliases', async () => {
    const repo = 'acme/reindex-round-trip';
    const { commits } = await registry(repo);
    const before = await status({ git: await clone(repo) }, { thresholds: () => ({}) });
    const noteBefore = await server.git(repo, ['notes', '--ref=versions', 'show', commits[1]!]);
    const sourceNote = await server.git(repo, [
      'notes',
      '--ref=versions',
      'show',
      `${commits[1]!}^`,
    ]);
    const treeNote = await server.git(repo, [
      'notes',
      '--ref=versions',
      'show',
      `${commits[1]!}^{tree}`,
    ]);

    await server.git(repo, ['update-ref', '-d', NOTES]);
    const ng = await clone(repo);
    const broken = await verify({ git: ng }, {});
    expect(broken.problems.filter((p) => p.kind === 'missing-note')).toHaveLength(5);

    const dry = await reindex({ git: ng, log }, { dryRun: true });
    expect(dry.tracks).toEqual([{ track: 'm', versions: 5, rebuilt: [1, 2, 3, 4, 5] }]);
    expect(dry.notesCommit).toBeNull();
    expect((await server.refs(repo, NOTES)).size).toBe(0);

    const done = await reindex({ git: ng, log }, { dryRun: false });
    // 5 recorded, 5 on source commits, 5 on snapshot trees, 1 rolled-back (v5 restored v1).
    expect(done.events).toBe(16);
    expect((await server.refs(repo, NOTES)).get(NOTES)).toBe(done.notesCommit);

    const after = await status({ git: await clone(repo) }, { thresholds: () => ({}) });
    expect(essentials(after)).toEqual(essentials(before));
    expect(after.tracks[0]!.versions.every((v) => typeof v.at === 'string')).toBe(true);
    // The rebuilt lines are the recorded ones, field for field, except the time.
    const noteAfter = await server.git(repo, ['notes', '--ref=versions', 'show', commits[1]!]);
    expect(recordedLines(noteAfter)).toEqual(recordedLines(noteBefore));
    const sourceAfter = await server.git(repo, [
      'notes',
      '--ref=versions',
      'show',
      `${commits[1]!}^`,
    ]);
    expect(recordedLines(sourceAfter)).toEqual(recordedLines(sourceNote));
    // The snapshot tree's line, which rollback detection reads, is back too.
    const treeAfter = await server.git(repo, [
      'notes',
      '--ref=versions',
      'show',
      `${commits[1]!}^{tree}`,
    ]);
    expect(recordedLines(treeAfter)).toEqual(recordedLines(treeNote));
    const listed = await list({ git: await clone(repo) }, {});
    expect(listed.tracks[0]!.versions.map((v) => [v.version, v.label, v.actor, v.aliases])).toEqual(
      [
        [5, '1.0.50', 'alice', []],
        [4, '1.0.40', 'bob', ['staging']],
        [3, '1.0.30', 'alice', []],
        [2, '1.0.20', 'bob', ['production']],
        [1, '1.0.10', 'alice', []],
      ],
    );
    expect((await verify({ git: await clone(repo) }, {})).problems).toEqual([]);

    // Nothing missing any more: a second run appends nothing and moves no ref.
    const again = await reindex({ git: await clone(repo), log }, { dryRun: false });
    expect(again.events).toBe(0);
    expect(again.notesCommit).toBeNull();
    expect((await server.refs(repo, NOTES)).get(NOTES)).toBe(done.notesCommit);
    expect((await server.fsck(repo)).ok).toBe(true);
  });

  it('keeps the lines the index still holds and adds only the missing ones', async () => {
    const repo = 'acme/reindex-partial';
    const { commits } = await registry(repo);
    // Remove v3's note by hand: the promotions on v2 and v4 stay, v3's recorded line returns.
    await git(server.repoPath(repo), ['notes', '--ref=versions', 'remove', commits[2]!]);
    const ng = await clone(repo);
    const r = await reindex({ git: ng, log }, { dryRun: false });
    expect(r.tracks[0]!.rebuilt).toEqual([3]);
    expect(r.events).toBe(1);
    const s = await status({ git: await clone(repo) }, { thresholds: () => ({}) });
    expect(s.tracks[0]!.history.production?.map((t) => t.version)).toEqual([2]);
    expect(s.tracks[0]!.versions[2]).toMatchObject({ version: 3, label: '1.0.30', actor: 'alice' });
  });
});

describe('list and show', () => {
  it('list: newest first, --limit, --since, --verbose adds metadata and files; unknown track names the option', async () => {
    const repo = 'acme/list-show';
    const { commits } = await registry(repo);
    const ng = await clone(repo);
    const all = await list({ git: ng }, { tracks: ['m'] });
    expect(all.tracks[0]).toMatchObject({
      track: 'm',
      latest: 5,
      total: 5,
      aliases: { production: 2, staging: 4 },
    });
    expect(all.tracks[0]!.versions[0]).toMatchObject({
      version: 5,
      commit: commits[4],
      reason: 'step 5',
      metrics: { f1: 0.5 },
      rollbackOf: 1,
      files: 1,
      source: 'notes',
    });
    expect(all.tracks[0]!.versions[0]!.metadata).toBeUndefined();
    const two = await list({ git: ng }, { limit: 2 });
    expect(two.tracks[0]!.versions.map((v) => v.version)).toEqual([5, 4]);
    expect(
      (await list({ git: ng }, { since: new Date(Date.now() + 3_600_000) })).tracks[0]!.versions,
    ).toEqual([]);
    const verbose = await list({ git: ng }, { limit: 1, verbose: true });
    expect(verbose.tracks[0]!.versions[0]).toMatchObject({
      metadata: { dataset: 'd50' },
      fileList: [{ path: 'm/w.json', size: 3 }],
    });
    await expect(list({ git: ng }, { tracks: ['nope'] })).rejects.toThrow(
      /Input 'track': the registry has no track 'nope'[\s\S]*/,
    );
    await expect(list({ git: ng }, { tracks: ['nope'] })).rejects.toBeInstanceOf(InputError);
  });

  it('show: trailers, metadata, metrics, events and files of one version, by alias', async () => {
    const repo = 'acme/show';
    const { commits } = await registry(repo);
    const ng = await clone(repo);
    const r = await show({ git: ng }, { selector: 'production' });
    expect(r).toMatchObject({
      track: 'm',
      version: 2,
      via: 'production',
      commit: commits[1],
      label: '1.0.20',
      actor: 'bob',
      reason: 'step 2',
      metrics: { f1: 0.2 },
      metadata: { dataset: 'd20' },
      aliases: ['production'],
      unreadable: false,
      fileList: [{ path: 'm/w.json', size: 3 }],
    });
    expect(r.trailers).toMatchObject({ track: 'm', version: '2', label: '1.0.20', actor: 'bob' });
    expect(r.events.map((e) => e.event)).toEqual(['recorded', 'promoted']);
    expect(r.events[1]).toMatchObject({ alias: 'production', actor: 'carol' });
    const v1 = await show({ git: ng }, { track: 'm', selector: '1' });
    expect(v1.events.map((e) => e.event)).toEqual(['recorded', 'rolled-back']);
    await expect(show({ git: ng }, { selector: '9' })).rejects.toThrow(
      /Input 'version': version 9 does not exist/,
    );
  });
});

describe('verify', () => {
  it('passes a sound registry and names each kind of damage made with plain git', async () => {
    const repo = 'acme/verify-damage';
    const { commits } = await registry(repo);
    expect(await verify({ git: await clone(repo) }, {})).toMatchObject({
      ok: true,
      tracks: ['m'],
      versions: 5,
      aliases: 2,
      problems: [],
    });

    const bare = server.repoPath(repo);
    const tree = (await git(bare, ['rev-parse', `${commits[0]!}^{tree}`])).trim();
    // 1. A number written with a leading zero, beside the real v3.
    await git(bare, ['update-ref', 'refs/versions/m/03', commits[2]!]);
    // 2. The same version under a second number.
    await git(bare, ['update-ref', 'refs/versions/m/9', commits[1]!]);
    // 3. A version whose commit has no trailers.
    const handMade = (await git(bare, ['commit-tree', tree, '-m', 'made by hand'])).trim();
    await git(bare, ['update-ref', 'refs/versions/m/10', handMade]);
    // 4. An alias on a commit that is no version.
    const source = (await git(bare, ['rev-parse', 'refs/heads/main'])).trim();
    await git(bare, ['update-ref', 'refs/versions/m/aliases/broken', source]);
    // 5. A version whose note was removed.
    await git(bare, ['notes', '--ref=versions', 'remove', commits[3]!]);
    // 6. A note line that is not an event.
    await git(bare, ['notes', '--ref=versions', 'append', '-m', 'not json', commits[0]!]);
    // 7. A version whose files are missing from the server.
    const blob = (await git(bare, ['hash-object', '-w', '--stdin'], { input: 'lost\n' })).trim();
    const lostTree = (
      await git(bare, ['mktree'], { input: `100644 blob ${blob}\tw.json\n` })
    ).trim();
    const lost = (await git(bare, ['commit-tree', lostTree, '-p', source, '-m', 'lost'])).trim();
    await git(bare, ['update-ref', 'refs/versions/m/11', lost]);
    const { rm } = await import('node:fs/promises');
    await rm(`${bare}/objects/${blob.slice(0, 2)}/${blob.slice(2)}`);

    const refsBefore = await server.refs(repo, 'refs/');
    const r = await verify({ git: await clone(repo) }, {});
    expect(r.ok).toBe(false);
    const byKind = (kind: string) => r.problems.filter((p) => p.kind === kind);
    expect(byKind('stray-ref')).toEqual([
      expect.objectContaining({
        ref: 'refs/versions/m/03',
        message: expect.stringMatching(/looks like version 3/),
      }),
    ]);
    expect(byKind('duplicate-version').map((p) => p.message)).toEqual([
      expect.stringMatching(
        /refs\/versions\/m\/2, refs\/versions\/m\/9 all hold a commit recorded as v2/,
      ),
      expect.stringMatching(/versions v2, v9 are the same commit/),
    ]);
    expect(byKind('wrong-trailers')).toEqual([
      expect.objectContaining({ ref: 'refs/versions/m/9' }),
    ]);
    expect(byKind('unreadable-trailers')).toEqual([
      expect.objectContaining({ ref: 'refs/versions/m/10' }),
    ]);
    expect(byKind('dangling-alias')).toEqual([
      expect.objectContaining({ ref: 'refs/versions/m/aliases/broken' }),
    ]);
    expect(byKind('missing-note').map((p) => p.ref)).toEqual(
      expect.arrayContaining(['refs/versions/m/4', 'refs/versions/m/10']),
    );
    expect(byKind('unreadable-note-lines')).toHaveLength(1);
    expect(byKind('missing-objects')).toEqual([
      expect.objectContaining({ ref: 'refs/versions/m/11' }),
    ]);
    // Looking changed nothing on the server.
    expect(await server.refs(repo, 'refs/')).toEqual(refsBefore);
  });

  it('names the one version whose objects are lost among many, fetched in halving batches', async () => {
    const repo = 'acme/verify-many';
    await createRemoteRepo(server, repo, { 'm/w.json': '0' });
    for (let i = 1; i <= 20; i++) {
      await pushCommit(server, repo, { 'm/w.json': String(i) }, { tags: [`t${i}`] });
    }
    const { ng: importer } = { ng: await clone(repo) };
    const spec = {
      name: 'm',
      patterns: parsePatterns(['m/**']),
      maxFileSize: 1e9,
      source: 'paths',
    };
    await importTags({ git: importer, log }, { track: spec, tags: 't*', dryRun: false });
    const bare = server.repoPath(repo);
    const blob = (await git(bare, ['hash-object', '-w', '--stdin'], { input: 'lost\n' })).trim();
    const tree = (await git(bare, ['mktree'], { input: `100644 blob ${blob}\tw.json\n` })).trim();
    const lost = (await git(bare, ['commit-tree', tree, '-m', 'lost'])).trim();
    await git(bare, ['update-ref', 'refs/versions/m/21', lost]);
    const { rm } = await import('node:fs/promises');
    await rm(`${bare}/objects/${blob.slice(0, 2)}/${blob.slice(2)}`);

    const r = await verify({ git: await clone(repo) }, {});
    expect(r.versions).toBe(21);
    expect(r.problems.map((p) => [p.kind, p.ref])).toEqual([
      ['missing-objects', 'refs/versions/m/21'],
    ]);
  });
});
