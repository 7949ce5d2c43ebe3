/**
 * Work that follows the change, not the history: on a track of 2,000 versions (built with
 * fast-import in the layout record writes: version refs, `recorded` notes in git's 2/38 fan-out,
 * a note on each snapshot tree), record, rollback detection, status and prune by age read the
 * notes of a bounded number of objects. Counted through a Git that wraps the real one and tallies
 * every object asked of readNote/readNotes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import type { Git } from '../../src/git/git.js';
import { record } from '../../src/commands/record.js';
import { promote } from '../../src/commands/promote.js';
import { prune } from '../../src/commands/prune.js';
import { verify } from '../../src/commands/verify.js';
import { reindex } from '../../src/commands/reindex.js';
import { FIRST_WALK_WINDOW, status, STATUS_VERSIONS } from '../../src/commands/status.js';
import { LEGACY_TREE_VERSIONS } from '../../src/commands/record-rollback.js';
import { parsePatterns } from '../../src/core/globs.js';

const TOKEN = 'scale-token';
const REPO = 'acme/registry-scale';
const NOTES = 'refs/notes/versions';
const VERSIONS = 2_000;
/** Versions of the track recorded before trees carried notes. */
const LEGACY = 40;
const DAY = 86_400_000;
/** Versions 1–5 were recorded 100 days ago, the rest in the last day, one minute apart. */
const OLD = 5;
const NOW = Date.now();
const atOf = (i: number) =>
  new Date(i <= OLD ? NOW - 100 * DAY + i * 60_000 : NOW - DAY + i * 30_000).toISOString();

let server: GitServer;
let ws: string;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'm/w.json': '"v0"' });
  ws = await checkout(server, REPO, { token: TOKEN });
  await buildTrack(ws, 'big', VERSIONS, { treeNotes: true });
  await buildTrack(ws, 'old', LEGACY, { treeNotes: false });
  await git(ws, ['push', '-q', 'origin', 'refs/versions/*:refs/versions/*', `${NOTES}:${NOTES}`]);
}, 300_000);
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/**
 * `count` versions of `track` whose file holds `"v<i>"`, each with its `recorded` note; with
 * `treeNotes`, each tree's note too and `treeNotesFrom: 1` (as record writes them now), without,
 * only the `tree` field (as record wrote them before).
 */
async function buildTrack(
  dir: string,
  track: string,
  count: number,
  opts: { treeNotes: boolean },
): Promise<void> {
  const head = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  let stream = '';
  for (let i = 1; i <= count; i++) {
    const message = `snapback: ${track} v${i}\n`;
    const content = `"v${i}"`;
    stream +=
      `commit refs/versions/${track}/${i}\ncommitter t <t@t> ${1_700_000_000 + i} +0000\n` +
      `data ${message.length}\n${message}from ${head}\n` +
      `M 100644 inline m/w.json\ndata ${content.length}\n${content}\n`;
  }
  await git(dir, ['fast-import', '--quiet'], { input: `${stream}\n` });
  const listed = (
    await git(dir, [
      'for-each-ref',
      '--format=%(refname) %(objectname) %(tree)',
      `refs/versions/${track}/`,
    ])
  )
    .trim()
    .split('\n')
    .map((l) => l.split(' ') as [string, string, string]);
  const hasNotes =
    (await git(dir, ['rev-parse', '--verify', '-q', NOTES]).catch(() => '')).trim() !== '';
  let notes = `commit ${NOTES}\ncommitter t <t@t> 1700000000 +0000\ndata 7\nimport\n`;
  if (hasNotes) notes += `from ${NOTES}^0\n`;
  const note = (object: string, lines: object[]) => {
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    notes += `M 100644 inline ${object.slice(0, 2)}/${object.slice(2)}\ndata ${Buffer.byteLength(text)}\n${text}`;
  };
  for (const [ref, commit, tree] of listed) {
    const version = Number(ref.split('/').pop());
    const base = { schema: 1, event: 'recorded', track, version, at: atOf(version), commit };
    note(commit, [
      {
        ...base,
        label: 'dev',
        files: 1,
        bytes: 4,
        tree,
        ...(opts.treeNotes ? { treeNotesFrom: 1 } : {}),
      },
    ]);
    if (opts.treeNotes) note(tree, [base]);
  }
  await git(dir, ['fast-import', '--quiet'], { input: `${notes}\n` });
}

/** The real Git, with a tally of the objects whose notes were asked for. */
function counted(inner: Git): { git: Git; asked: string[] } {
  const asked: string[] = [];
  const git = new Proxy(inner, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'readNote') {
        return (notes: string, object: string) => {
          asked.push(object);
          return target.readNote(notes, object);
        };
      }
      if (prop === 'readNotes') {
        return (notes: string, objects: readonly string[] | 'all') => {
          if (objects === 'all') asked.push(...Array<string>(1_000_000).fill('all'));
          else asked.push(...objects);
          return target.readNotes(notes, objects);
        };
      }
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { git, asked };
}

async function open(): Promise<{ git: Git; asked: string[] }> {
  const dir = await checkout(server, REPO, { token: TOKEN });
  return counted(await NativeGit.open(dir, { url: server.repoUrl(REPO), token: TOKEN }));
}

/** A fresh clone whose git processes are recorded, arguments only, as they start. */
async function openObserved(): Promise<{ git: Git; started: (readonly string[])[] }> {
  const dir = await checkout(server, REPO, { token: TOKEN });
  const started: (readonly string[])[] = [];
  const g = await NativeGit.open(
    dir,
    { url: server.repoUrl(REPO), token: TOKEN },
    { observe: (args) => started.push(args) },
  );
  return { git: g, started };
}

/** The `git cat-file <mode>` processes among those started. */
function catFile(started: readonly (readonly string[])[], mode: string) {
  return started.filter((a) => a[0] === 'cat-file' && a[1] === mode);
}

const log = () => undefined;

async function recordContent(g: Git, track: string, content: string) {
  await writeTree(g.workdir, { 'm/w.json': content });
  const r = await record(
    { git: g, resolveLabel: async () => 'dev', log },
    {
      tracks: [
        { name: track, patterns: parsePatterns(['m/**']), maxFileSize: 1e9, source: 'paths' },
      ],
      dryRun: false,
      context: {},
    },
  );
  return r.tracks[0]!;
}

async function trailer(commit: string, key: string): Promise<string> {
  return (
    await server.git(REPO, ['log', '-1', `--format=%(trailers:key=${key},valueonly)`, commit])
  ).trim();
}

async function events(object: string): Promise<{ event: string; version: number }[]> {
  const text = await server.git(REPO, ['notes', '--ref=versions', 'show', object]);
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event: string; version: number });
}

describe('a track of 2,000 versions', () => {
  it('status reads the notes of the versions it shows and walks alias history by `from`', async () => {
    const { git: g } = await open();
    for (const v of ['1500', '1600', '1700']) {
      await promote(
        { git: g, log },
        { track: 'big', version: v, alias: 'production', dryRun: false, by: {} },
      );
    }
    const { git: s, asked } = await open();
    const result = await status(
      { git: s },
      { tracks: ['big'], thresholds: () => ({ versions: 100 }) },
    );
    const big = result.tracks[0]!;
    expect(big.count).toBe(VERSIONS);
    expect(big.latest).toBe(VERSIONS);
    // The newest versions and the aliased one, each with its recorded facts.
    expect(big.versions.map((v) => v.version)).toEqual([
      1700,
      ...Array.from({ length: STATUS_VERSIONS }, (_, i) => VERSIONS - STATUS_VERSIONS + 1 + i),
    ]);
    expect(big.versions.every((v) => v.at !== undefined && v.label === 'dev')).toBe(true);
    expect(big.aliases).toEqual([
      expect.objectContaining({
        alias: 'production',
        version: 1700,
        behind: 300,
        behindSince: atOf(1701),
      }),
    ]);
    expect(big.aliases[0]!.warnings).toHaveLength(1);
    // Walked back 1700 → 1600 → 1500 through the promotions' `from`, none of them read otherwise.
    expect(big.history.production!.map((t) => [t.version, t.until === null])).toEqual([
      [1500, false],
      [1600, false],
      [1700, true],
    ]);
    expect(big.pruned).toEqual([]);
    // The shown versions, the one after the alias, and the walk's three windows read around
    // 1700, 1600 and 1500 (one request each where note blobs are fetched by id): nowhere near
    // 2,000, and no note read twice.
    const walk = FIRST_WALK_WINDOW * (1 + 2 + 4);
    expect(new Set(asked).size).toBeLessThanOrEqual(STATUS_VERSIONS + 5 + walk);
    expect(asked.length).toBe(new Set(asked).size);
  });

  it('status lists as many versions as asked, or all', async () => {
    const { git: s, asked } = await open();
    const few = await status({ git: s }, { tracks: ['big'], thresholds: () => ({}), versions: 10 });
    expect(few.tracks[0]!.versions.map((v) => v.version)).toEqual([
      1700,
      ...Array.from({ length: 10 }, (_, i) => VERSIONS - 9 + i),
    ]);
    expect(asked.length).toBeLessThanOrEqual(10 + 5 + FIRST_WALK_WINDOW * (1 + 2 + 4));
    const all = await status(
      { git: s },
      { tracks: ['big'], thresholds: () => ({}), versions: 'all' },
    );
    expect(all.tracks[0]!.versions).toHaveLength(VERSIONS);
    expect(all.tracks[0]!.versions.every((v) => v.at !== undefined)).toBe(true);
  });

  it('verify reads the commits of 2,000 versions with one git process, not one each', async () => {
    const { git: g, started } = await openObserved();
    const result = await verify({ git: g }, { tracks: ['big'] });
    expect(result.versions).toBe(VERSIONS);
    expect(result.problems.filter((p) => p.kind === 'missing-objects')).toEqual([]);
    // One `cat-file --batch` for the notes, one for the commits; none commit by commit.
    expect(catFile(started, 'commit')).toEqual([]);
    expect(catFile(started, '--batch')).toHaveLength(2);
  });

  it('reindex reads the commits of 2,000 versions with one git process, not one each', async () => {
    const { git: g, started } = await openObserved();
    const result = await reindex({ git: g, log }, { tracks: ['big'], dryRun: true });
    expect(result.tracks).toEqual([expect.objectContaining({ track: 'big', versions: VERSIONS })]);
    expect(catFile(started, 'commit')).toEqual([]);
  });

  it('record reads the notes of a bounded number of objects', async () => {
    const { git: g, asked } = await open();
    const r = await recordContent(g, 'big', '"new content"');
    expect(r).toMatchObject({ status: 'recorded', version: VERSIONS + 1 });
    expect(await trailer(r.commit!, 'rollback-of')).toBe('');
    // The new tree, the latest version, the source commit and the new version's own.
    expect(asked.length).toBeLessThanOrEqual(6);
  });

  it('finds a rollback to v3 by the tree note alone', async () => {
    const { git: g, asked } = await open();
    const r = await recordContent(g, 'big', '"v3"');
    expect(r.status).toBe('recorded');
    expect(await trailer(r.commit!, 'rollback-of')).toBe('3');
    const v3 = (await server.refs(REPO, 'refs/versions/big/')).get('refs/versions/big/3')!;
    expect((await events(v3)).map((e) => e.event)).toEqual(['recorded', 'rolled-back']);
    expect(asked.length).toBeLessThanOrEqual(7);
  });

  it('versions recorded before tree notes: the newest of them are compared by their tree field', async () => {
    const { git: g, asked } = await open();
    // v35 is among the newest LEGACY_TREE_VERSIONS of 40; v5 is not.
    const recent = await recordContent(g, 'old', '"v35"');
    expect(await trailer(recent.commit!, 'rollback-of')).toBe('35');
    expect(asked.length).toBeLessThanOrEqual(LEGACY_TREE_VERSIONS + 7);
    // The new version says since when trees carry notes; versions before that stay comparable.
    const next = await recordContent(g, 'old', '"v36"');
    expect(await trailer(next.commit!, 'rollback-of')).toBe('36');
    const beyond = await recordContent(g, 'old', '"v5"');
    expect(await trailer(beyond.commit!, 'rollback-of')).toBe('');
    // Content recorded since has its tree note: the newest version with it is found by that.
    const again = await recordContent(g, 'old', '"v35"');
    expect(await trailer(again.commit!, 'rollback-of')).toBe(String(LEGACY + 1));
  });

  it('prune by age finds the old versions with O(log n) note reads', async () => {
    const { git: g, asked } = await open();
    const result = await prune(
      { git: g, log },
      { tracks: [{ name: 'big', policy: { keepLast: 10, keepDays: 30 } }], dryRun: false, by: {} },
    );
    expect(result.tracks[0]!.pruned).toEqual([1, 2, 3, 4, 5]);
    const left = await server.refs(REPO, 'refs/versions/big/');
    expect(left.has('refs/versions/big/5')).toBe(false);
    expect(left.has('refs/versions/big/6')).toBe(true);
    // ~log2(2,000) = 11 probes, plus the five it deletes (read once, for their pruned events).
    expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(VERSIONS)) + OLD);
    expect((await server.fsck(REPO)).ok).toBe(true);
  });

  it('prune of about 2,000 versions reads and writes their notes a slice at a time', async () => {
    const { git: inner } = await open();
    // Every text a notes commit is given, by call: a slice of objects, never all of them.
    const slices: number[] = [];
    const reads: number[] = [];
    const g = new Proxy(inner, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === 'writeNotes') {
          return (base: string | null, notes: Parameters<Git['writeNotes']>[1], m: string) => {
            if (!('textsOf' in notes)) {
              slices.push(notes.size);
              return target.writeNotes(base, notes, m);
            }
            return target.writeNotes(
              base,
              {
                objects: notes.objects,
                textsOf: (slice) => {
                  slices.push(slice.length);
                  return notes.textsOf(slice);
                },
              },
              m,
            );
          };
        }
        if (prop === 'readNotes') {
          return (notes: string, objects: readonly string[] | 'all') => {
            reads.push(objects === 'all' ? Infinity : objects.length);
            return target.readNotes(notes, objects);
          };
        }
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value;
      },
    });
    const before = await server.refs(REPO, 'refs/versions/big/');
    const result = await prune(
      { git: g, log },
      { tracks: [{ name: 'big', policy: { keepLast: 10 } }], dryRun: false, by: {} },
    );
    const pruned = result.tracks[0]!.pruned;
    expect(pruned.length).toBeGreaterThan(1_900);
    expect(slices.reduce((a, b) => a + b, 0)).toBe(pruned.length);
    expect(Math.max(...slices)).toBeLessThanOrEqual(500);
    expect(Math.max(...reads)).toBeLessThanOrEqual(500);
    // Every pruned version's note gained its event, the first and last slice's alike.
    for (const n of [pruned[0]!, pruned[700]!, pruned.at(-1)!]) {
      const commit = before.get(`refs/versions/big/${n}`)!;
      expect((await events(commit)).map((e) => e.event)).toEqual(['recorded', 'pruned']);
    }
    expect((await server.fsck(REPO)).ok).toBe(true);
  });
});
