/**
 * A promote racing a prune of the same version, against the real git server, from two clones
 * (as two runners would be): the version survives, or the promote fails cleanly; never an alias
 * left pointing at a deleted version. Both interleavings are forced once with a server hook,
 * then left to chance over many trials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  startGitServer,
  writeTree,
  type GitServer,
  type HookRequest,
} from '../harness/index.js';
import { NativeGit } from '../../src/git/native-git.js';
import { record } from '../../src/commands/record.js';
import { promote } from '../../src/commands/promote.js';
import { prune } from '../../src/commands/prune.js';
import { InputError } from '../../src/errors.js';
import { parsePatterns } from '../../src/core/globs.js';

const TOKEN = 'race-token';
const REPO = 'acme/registry-race';
let server: GitServer;
let recorder: NativeGit;
let promoter: NativeGit;
let pruner: NativeGit;
let recorderWs: string;
let counter = 0;
const log = () => undefined;

async function open(ws: string) {
  return NativeGit.open(ws, { url: server.repoUrl(REPO), token: TOKEN });
}

/** Records the next version of `track` from the recorder's clone. */
async function recordVersion(track: string): Promise<number> {
  counter++;
  await writeTree(recorderWs, { 'm/w.json': JSON.stringify({ counter }) });
  const r = await record(
    { git: recorder, resolveLabel: async () => 'dev', log },
    {
      tracks: [
        {
          name: track,
          patterns: parsePatterns(['m/**'], 'paths'),
          maxFileSize: 1e9,
          source: 'paths',
        },
      ],
      dryRun: false,
      context: {},
    },
  );
  return r.tracks[0]!.version;
}

async function versions(track: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const [ref, oid] of await server.refs(REPO, `refs/versions/${track}/`)) {
    const m = /\/(\d+)$/.exec(ref);
    if (m) out.set(Number(m[1]), oid);
  }
  return out;
}

/** The invariant: every alias of the track points at a version ref that exists. */
async function assertNoDanglingAlias(track: string): Promise<void> {
  const refs = await server.refs(REPO, `refs/versions/${track}/`);
  const live = new Set([...(await versions(track)).values()]);
  for (const [ref, oid] of refs) {
    if (ref.includes('/aliases/')) expect(live.has(oid), `${ref} → ${oid}`).toBe(true);
  }
}

const promoteTo = (track: string, version: number, alias: string) =>
  promote(
    { git: promoter, log },
    { track, version: String(version), alias, dryRun: false, by: {} },
  );
const pruneTo = (track: string, keepLast: number) =>
  prune(
    { git: pruner, log },
    { tracks: [{ name: track, policy: { keepLast } }], dryRun: false, by: {} },
  );

const body = (req: HookRequest) => req.body?.toString('latin1') ?? '';

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'm/w.json': '{}' });
  recorderWs = await checkout(server, REPO, { token: TOKEN });
  recorder = await open(recorderWs);
  promoter = await open(await checkout(server, REPO, { token: TOKEN }));
  pruner = await open(await checkout(server, REPO, { token: TOKEN }));
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

describe('promote racing prune', () => {
  it('promote lands while the prune is in flight: the prune looks again and keeps the version', async () => {
    for (let i = 0; i < 4; i++) await recordVersion('first');
    await server.idle();
    server.resetLog();
    let held = false;
    server.setHook(async (req) => {
      // The prune's request (it deletes v2) waits until the promote of v2 has landed.
      if (
        !held &&
        req.service === 'receive-pack' &&
        / 0{40} refs\/versions\/first\/2\n/.test(body(req))
      ) {
        held = true;
        await promoteTo('first', 2, 'x');
      }
    });
    const result = await pruneTo('first', 1);
    server.setHook(undefined);
    expect(held).toBe(true);
    // The prune's first request lost its compare-and-swap to the promote.
    await server.idle();
    expect(server.requests.filter((q) => q.refused.length > 0)).toHaveLength(1);
    expect(result.tracks[0]!.pruned).toEqual([1, 3]);
    expect([...(await versions('first')).keys()].sort()).toEqual([2, 4]);
    await assertNoDanglingAlias('first');
    expect((await server.fsck(REPO)).ok).toBe(true);
  });

  it('prune lands while the promote is in flight: the promote fails cleanly and nothing dangles', async () => {
    for (let i = 0; i < 3; i++) await recordVersion('second');
    await server.idle();
    server.resetLog();
    let held = false;
    server.setHook(async (req) => {
      if (
        !held &&
        req.service === 'receive-pack' &&
        body(req).includes('refs/versions/second/aliases/y')
      ) {
        held = true;
        await pruneTo('second', 1);
      }
    });
    const failure = await promoteTo('second', 2, 'y').then(
      () => undefined,
      (e: unknown) => e,
    );
    server.setHook(undefined);
    expect(held).toBe(true);
    await server.idle();
    expect(server.requests.filter((q) => q.refused.length > 0)).toHaveLength(1);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toMatch(/version 2 does not exist/);
    expect((await server.refs(REPO)).has('refs/versions/second/aliases/y')).toBe(false);
    await assertNoDanglingAlias('second');
  });

  it('over 30 trials at random offsets, never an alias on a deleted version; both orders happen', async () => {
    const outcomes = { promoted: 0, refused: 0 };
    let raced = 0;
    for (let trial = 0; trial < 30; trial++) {
      await recordVersion('many');
      const target = await recordVersion('many');
      await recordVersion('many');
      await server.idle();
      server.resetLog();
      // keep-last 1 wants `target` gone unless the promote gets there first. Each side in turn
      // gets a small head start, so both orders come up and the two often overlap.
      const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const [promoteLag, pruneLag] =
        trial % 2 === 0 ? [0, Math.random() * 60] : [Math.random() * 60, 0];
      const [p] = await Promise.allSettled([
        delay(promoteLag).then(() => promoteTo('many', target, 'x')),
        delay(pruneLag).then(() => pruneTo('many', 1)),
      ]);
      const live = await versions('many');
      if (p.status === 'fulfilled') {
        outcomes.promoted++;
        expect(live.has(target), `trial ${trial}: promoted v${target} must survive`).toBe(true);
      } else {
        outcomes.refused++;
        expect(p.reason).toBeInstanceOf(InputError);
        expect(live.has(target)).toBe(false);
      }
      await assertNoDanglingAlias('many');
      await server.idle();
      if (server.requests.some((q) => q.refused.length > 0)) raced++;
    }
    // Both orders must have come up, or the trials proved nothing about one of them.
    expect(outcomes.promoted, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.refused, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.promoted + outcomes.refused).toBe(30);
    // And some trials overlapped for real: the server refused a compare-and-swap in them.
    expect(raced, `${raced} of 30 trials raced`).toBeGreaterThan(0);
    console.log(`promote-prune: ${JSON.stringify(outcomes)}, ${raced} raced`);
    expect((await server.fsck(REPO)).ok).toBe(true);
  }, 600_000);
});

describe('prune by age', () => {
  it("reads each version's recording time from the notes: old versions go, young ones stay", async () => {
    for (let i = 0; i < 4; i++) await recordVersion('aged');
    const inDays = (d: number) => () => new Date(Date.now() + d * 86_400_000);
    const young = await prune(
      { git: pruner, log, now: inDays(10) },
      { tracks: [{ name: 'aged', policy: { keepLast: 1, keepDays: 30 } }], dryRun: true, by: {} },
    );
    expect(young.tracks[0]!.pruned).toEqual([]);
    expect(young.tracks[0]!.kept.map((k) => k.why)).toEqual([
      ['young'],
      ['young'],
      ['young'],
      ['newest', 'young'],
    ]);
    const old = await prune(
      { git: pruner, log, now: inDays(10) },
      { tracks: [{ name: 'aged', policy: { keepLast: 1, keepDays: 5 } }], dryRun: false, by: {} },
    );
    expect(old.tracks[0]!.pruned).toEqual([1, 2, 3]);
    expect([...(await versions('aged')).keys()]).toEqual([4]);
  });
});
