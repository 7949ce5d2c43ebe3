/**
 * A runner's checkout fetches the notes ref with its trees only (`--filter=blob:none`) and the
 * notes a command reads by id, all in one request: 300 versions' notes are not downloaded to read
 * three. Reads, a promotion's landing and later whole fetches are checked against the server's
 * request log, where every request git makes (its own one-object fetches included) shows up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  objectsHere,
  startGitServer,
  type GitServer,
  writeTree,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import { RegistrySession } from '../../src/registry/session.js';
import { promote } from '../../src/commands/promote.js';
import { status } from '../../src/commands/status.js';
import { record } from '../../src/commands/record.js';
import { parsePatterns } from '../../src/core/globs.js';

const TOKEN = 'lazy-notes-token';
const REPO = 'acme/lazy-notes';
const NOTES = 'refs/notes/versions';
const VERSIONS = 300;

let server: GitServer;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await seedRepo(REPO);
}, 300_000);
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** A repository whose track `t` has VERSIONS versions, each with its `recorded` note. */
async function seedRepo(repo: string): Promise<void> {
  await createRemoteRepo(server, repo, { 'm/w.json': '"v0"' });
  const ws = await checkout(server, repo, { token: TOKEN });
  const head = (await git(ws, ['rev-parse', 'HEAD'])).trim();
  let stream = '';
  for (let i = 1; i <= VERSIONS; i++) {
    const message = `snapback: t v${i}\n`;
    const content = `"v${i}"`;
    stream +=
      `commit refs/versions/t/${i}\ncommitter t <t@t> ${1_700_000_000 + i} +0000\n` +
      `data ${message.length}\n${message}from ${head}\n` +
      `M 100644 inline m/w.json\ndata ${content.length}\n${content}\n`;
  }
  await git(ws, ['fast-import', '--quiet'], { input: `${stream}\n` });
  const commits = (await git(ws, ['for-each-ref', '--format=%(objectname)', 'refs/versions/t/']))
    .trim()
    .split('\n');
  let notes = `commit ${NOTES}\ncommitter t <t@t> 1700000000 +0000\ndata 5\nnotes\n`;
  for (const commit of commits) {
    const version = await versionOf(ws, commit);
    const text = `${JSON.stringify({ schema: 1, event: 'recorded', track: 't', version, at: new Date(1_700_000_000_000 + version * 60_000).toISOString(), commit, label: `1.${version}.0` })}\n`;
    notes += `M 100644 inline ${commit.slice(0, 2)}/${commit.slice(2)}\ndata ${Buffer.byteLength(text)}\n${text}`;
  }
  await git(ws, ['fast-import', '--quiet'], { input: `${notes}\n` });
  await git(ws, ['push', '-q', 'origin', 'refs/versions/*:refs/versions/*', `${NOTES}:${NOTES}`]);
}

async function versionOf(dir: string, commit: string): Promise<number> {
  const subject = (await git(dir, ['log', '-1', '--format=%s', commit])).trim();
  return Number(/v(\d+)$/.exec(subject)![1]);
}

/** Blobs this clone holds (found without fetching any). */
async function blobsHere(dir: string): Promise<number> {
  return [...(await objectsHere(dir)).values()].filter((t) => t === 'blob').length;
}

/** The upload-pack fetch requests made since `from` (git's own one-object fetches included). */
function fetchesSince(from: number): number {
  return server.requests.slice(from).filter((r) => r.command === 'fetch').length;
}

async function open(onDemand: boolean, repo = REPO): Promise<{ dir: string; ng: NativeGit }> {
  const dir = await checkout(server, repo, { token: TOKEN });
  const ng = await NativeGit.open(
    dir,
    { url: server.repoUrl(repo), token: TOKEN },
    { noteBlobsOnDemand: onDemand },
  );
  return { dir, ng };
}

describe('notes fetched without their blobs', () => {
  it('reads a few notes with one request, and all of them with one more', async () => {
    const { dir, ng } = await open(true);
    const before = await blobsHere(dir);
    const session = new RegistrySession(ng);
    const view = await session.look({ prefixes: ['refs/versions/t/'] });
    // The notes tip arrived with its trees and not one of its 300 blobs.
    expect(await blobsHere(dir)).toBe(before);
    const wanted = [1, 150, 300].map((n) => view.refs.get(`refs/versions/t/${n}`)!);
    let mark = server.requests.length;
    const texts = await session.notes(wanted);
    expect(fetchesSince(mark)).toBe(1);
    for (const [i, n] of [1, 150, 300].entries()) {
      expect(JSON.parse(texts.get(wanted[i]!)!)).toMatchObject({ version: n, label: `1.${n}.0` });
    }
    // Read again (the tip unchanged, a new reader): here already, nothing fetched.
    mark = server.requests.length;
    expect((await ng.readNotes(view.notes!, wanted)).size).toBe(3);
    expect(fetchesSince(mark)).toBe(0);
    // Every note at once: one request for the 297 missing blobs.
    mark = server.requests.length;
    const all = await ng.readNotes(view.notes!, 'all');
    expect(all.size).toBe(VERSIONS);
    expect(fetchesSince(mark)).toBe(1);
  });

  it('lands a promotion whose notes commit the server accepts whole', async () => {
    const { ng } = await open(true);
    await promote(
      { git: ng, log: () => undefined },
      { track: 't', version: '120', alias: 'production', dryRun: false, by: {} },
    );
    const v120 = (await server.refs(REPO, 'refs/versions/t/120')).get('refs/versions/t/120')!;
    const note = await server.git(REPO, ['notes', `--ref=${NOTES}`, 'show', v120]);
    expect(note).toContain('"event":"recorded"');
    expect(note).toContain('"event":"promoted"');
    // Every object of the new notes commit is on the server, the untouched notes too.
    expect(await server.git(REPO, ['fsck', '--no-dangling', '--connectivity-only'])).toBe('');
    expect(
      (await server.git(REPO, ['ls-tree', '-r', NOTES])).trim().split('\n').length,
    ).toBeGreaterThanOrEqual(VERSIONS);
  });

  it("status walks an alias's history back with a request per window, not per step", async () => {
    const { ng } = await open(true);
    // Ten promotions of `staging`, five versions apart: a walk of ten steps back from v245.
    for (let v = 200; v <= 245; v += 5) {
      await promote(
        { git: ng, log: () => undefined },
        { track: 't', version: String(v), alias: 'staging', dryRun: false, by: {} },
      );
    }
    const { ng: reader } = await open(true);
    const mark = server.requests.length;
    const result = await status({ git: reader }, { tracks: ['t'], thresholds: () => ({}) });
    expect(result.tracks[0]!.history.staging!.map((t) => t.version)).toEqual(
      Array.from({ length: 10 }, (_, i) => 200 + i * 5),
    );
    // The notes tip, the versions shown, the one after the alias (its drift), and two windows
    // (245 back to 214, then to 147); a request per step would make 12.
    expect(fetchesSince(mark)).toBeLessThanOrEqual(5);
  });

  it('a long walk reads the rest of its history in a window sized by the pace so far', async () => {
    // A repository of its own: no other alias's walk shares the requests counted.
    const repo = 'acme/lazy-walk';
    await seedRepo(repo);
    const { ng } = await open(true, repo);
    // Twenty promotions of `prod`, ten versions apart: 200 versions to walk back from v290.
    for (let v = 100; v <= 290; v += 10) {
      await promote(
        { git: ng, log: () => undefined },
        { track: 't', version: String(v), alias: 'prod', dryRun: false, by: {} },
      );
    }
    const { ng: reader } = await open(true, repo);
    const mark = server.requests.length;
    const result = await status({ git: reader }, { tracks: ['t'], thresholds: () => ({}) });
    expect(result.tracks[0]!.history.prod!.map((t) => t.version)).toEqual(
      Array.from({ length: 20 }, (_, i) => 100 + i * 10),
    );
    // The notes tip (two rounds), the versions shown with the one after the alias (v251-v300),
    // a window of 32 from v250 (four steps), then one of 128 from v210 for the steps left at ten
    // versions a step. Windows that only doubled would need 64 and then 128.
    expect(fetchesSince(mark)).toBe(5);
  });

  it('a command that reads hundreds of notes fetches them whole, never by id', async () => {
    const dir = await checkout(server, REPO, { token: TOKEN });
    const fetches: (readonly string[])[] = [];
    const ng = await NativeGit.open(
      dir,
      { url: server.repoUrl(REPO), token: TOKEN },
      {
        noteBlobsOnDemand: true,
        observe: (args) => void (args.includes('fetch') && fetches.push(args)),
      },
    );
    const before = await blobsHere(dir);
    const result = await status(
      { git: ng },
      { tracks: ['t'], thresholds: () => ({}), versions: 'all' },
    );
    expect(result.tracks[0]!.versions).toHaveLength(VERSIONS);
    expect((await blobsHere(dir)) - before).toBeGreaterThanOrEqual(VERSIONS);
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).not.toContain('--filter=blob:none');
  });

  it('keeps every other fetch whole: a version fetched later reads without a request', async () => {
    const { ng } = await open(true);
    const session = new RegistrySession(ng);
    await session.look({ prefixes: ['refs/versions/t/'] });
    const got = await ng.fetchRefs([{ remote: 'refs/versions/t/7', local: 'refs/versions/t/7' }]);
    const mark = server.requests.length;
    const entries = await ng.listTree(got.get('refs/versions/t/7')!);
    const blobs = await ng.readBlobs(entries.map((e) => e.oid));
    expect([...blobs.values()].map((b) => b.toString())).toEqual(['"v7"']);
    expect(fetchesSince(mark)).toBe(0);
  });

  // Last: it adds versions (of another track) that the tests above do not expect.
  it('a record reads the notes it needs, and the one it appends to, with one request', async () => {
    const recordIn = async (content: string) => {
      const { dir, ng } = await open(true);
      await writeTree(dir, { 'm/w.json': content });
      const mark = server.requests.length;
      const r = await record(
        { git: ng, resolveLabel: async () => 'dev', log: () => undefined },
        {
          tracks: [
            { name: 'r', patterns: parsePatterns(['m/**']), maxFileSize: 1e6, source: 'paths' },
          ],
          dryRun: false,
          context: {},
        },
      );
      return { version: r.tracks[0]!.version, fetches: fetchesSince(mark) };
    };
    // v1 gives the source commit a note (its `produced` event), which v2 then appends to, and
    // v2 also reads v1's note and its tree's: all three blobs in one request.
    expect((await recordIn('"r1"')).version).toBe(1);
    const second = await recordIn('"r2"');
    expect(second.version).toBe(2);
    // The version ref, the notes (trees only: two rounds of negotiation), the note blobs.
    expect(second.fetches).toBe(4);
  });

  it('a clone opened without the option fetches the notes whole, as before', async () => {
    const { dir, ng } = await open(false);
    const before = await blobsHere(dir);
    await new RegistrySession(ng).look({ prefixes: ['refs/versions/t/'] });
    expect((await blobsHere(dir)) - before).toBeGreaterThanOrEqual(VERSIONS);
  });
});
