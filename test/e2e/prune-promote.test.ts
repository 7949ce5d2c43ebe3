/**
 * Retention, aliases and the status dashboard, end to end through dist/index.js against the
 * git server: the must-show scenario (15 versions, keep-last 5, `active` on v3), dry runs,
 * the one-request deletion, the audit events, and the dashboard's charts and drift warnings.
 */
import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';
import { mermaidBlocks, mermaidErrors } from '../harness/mermaid.js';

const TOKEN = 'prune-token';
const REPO = 'acme/prune';
const TRACK = 'model';
let server: GitServer;
let ws: string;

const run = (repo: string, inputs: Record<string, string>) =>
  runAction({
    workspace: ws,
    server,
    repo,
    token: TOKEN,
    inputs: { track: TRACK, ...inputs },
  });

async function ok(repo: string, inputs: Record<string, string>) {
  const r = await run(repo, inputs);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r;
}

/**
 * A copy of the registry beforeAll built (15 versions), for one test: each test changes only
 * its own copy, so each passes alone and in any order.
 */
async function ownCopy(name: string): Promise<string> {
  const repo = `acme/${name}`;
  await cp(server.repoPath(REPO), server.repoPath(repo), { recursive: true });
  return repo;
}

const versionRefs = async (repo: string) =>
  [...(await server.refs(repo, `refs/versions/${TRACK}/`)).keys()]
    .map((r) => r.slice(`refs/versions/${TRACK}/`.length))
    .filter((r) => /^\d+$/.test(r))
    .map(Number)
    .sort((a, b) => a - b);

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, { 'model/head.json': '{"w":0}' });
  ws = await checkout(server, REPO, { token: TOKEN });
  for (let i = 1; i <= 15; i++) {
    await writeTree(ws, { 'model/head.json': JSON.stringify({ w: i }) });
    await ok(REPO, {
      paths: 'model/**',
      metrics: JSON.stringify({ f1: 0.5 + i / 100, loss: 1 / i }),
      reason: `training run ${i}`,
    });
  }
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

describe('promote, prune and status', () => {
  it('keeps v3 (active) and v11–v15 with keep-last 5; the dry run lists the same and changes nothing', async () => {
    const repo = await ownCopy('prune-keep');
    const promoted = await ok(repo, { command: 'promote', version: '3', reason: 'known good' });
    expect(promoted.outputs).toMatchObject({
      promoted: 'true',
      version: '3',
      'previous-version': '',
    });
    const alias = (await server.refs(repo, `refs/versions/${TRACK}/aliases/`)).get(
      `refs/versions/${TRACK}/aliases/active`,
    );
    expect(alias).toBe((await server.refs(repo)).get(`refs/versions/${TRACK}/3`));

    const before = await server.refs(repo);
    server.resetLog();
    const dry = await ok(repo, { command: 'prune', 'keep-last': '5', 'dry-run': 'true' });
    const expected = [1, 2, 4, 5, 6, 7, 8, 9, 10];
    expect(JSON.parse(dry.outputs.pruned!)).toEqual(expected);
    expect(dry.summary).toContain('dry run');
    expect(await server.refs(repo)).toEqual(before);
    await server.idle();
    expect(server.requests.filter((r) => r.service === 'receive-pack')).toHaveLength(0);

    server.resetLog();
    const real = await ok(repo, { command: 'prune', 'keep-last': '5', reason: 'nightly cleanup' });
    expect(JSON.parse(real.outputs.pruned!)).toEqual(expected);
    expect(await versionRefs(repo)).toEqual([3, 11, 12, 13, 14, 15]);
    await server.idle();
    // Every deletion in one request.
    expect(server.requests.filter((r) => r.service === 'receive-pack')).toHaveLength(1);
    expect((await server.fsck(repo)).ok).toBe(true);
    // The alias still points at v3, and the pruned versions' notes say why they went.
    expect((await server.refs(repo)).get(`refs/versions/${TRACK}/aliases/active`)).toBe(
      before.get(`refs/versions/${TRACK}/3`),
    );
    const note = await server.git(repo, [
      'notes',
      '--ref=versions',
      'show',
      before.get(`refs/versions/${TRACK}/4`)!,
    ]);
    const events = note
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.event)).toEqual(['recorded', 'pruned']);
    expect(events[1]).toMatchObject({ track: TRACK, version: 4, reason: 'nightly cleanup' });
    // Nothing reachable holds the pruned snapshots any more: the server's gc may reclaim them.
    const reachable = await server.git(repo, ['rev-list', '--all']);
    for (const n of expected)
      expect(reachable).not.toContain(before.get(`refs/versions/${TRACK}/${n}`)!);
    expect(reachable).toContain(before.get(`refs/versions/${TRACK}/3`)!);

    // Nothing left to prune: a second run deletes nothing and sends nothing.
    server.resetLog();
    const again = await ok(repo, { command: 'prune', 'keep-last': '5' });
    expect(JSON.parse(again.outputs.pruned!)).toEqual([]);
    await server.idle();
    expect(server.requests.filter((r) => r.service === 'receive-pack')).toHaveLength(0);
  });

  it('status renders every track with valid Mermaid charts, history and drift warnings as annotations', async () => {
    const repo = await ownCopy('prune-status');
    // The state the dashboard shows: active on v3, every version before v11 but v3 pruned.
    await ok(repo, { command: 'promote', version: '3', reason: 'known good' });
    await ok(repo, { command: 'prune', 'keep-last': '5' });
    const r = await ok(repo, { command: 'status', 'drift-warn-versions': '2' });
    const file = JSON.parse(readFileSync(r.outputs['status-file']!, 'utf8'));
    const track = file.tracks.find((t: { track: string }) => t.track === TRACK);
    expect(track.versions.map((v: { version: number }) => v.version)).toEqual([
      3, 11, 12, 13, 14, 15,
    ]);
    expect(track.aliases).toEqual([
      expect.objectContaining({ alias: 'active', version: 3, latest: 15, behind: 5 }),
    ]);
    expect(track.pruned.map((p: { version: number }) => p.version)).toEqual([
      1, 2, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(track.history.active).toEqual([
      expect.objectContaining({ version: 3, until: null, reason: 'known good' }),
    ]);
    expect(track.versions[5]).toMatchObject({
      version: 15,
      reason: 'training run 15',
      metrics: { f1: 0.65, loss: 1 / 15 },
      changes: { added: 0, modified: 1, deleted: 0 },
    });

    const blocks = mermaidBlocks(r.summary);
    // f1 and loss both stay within 0..1: one chart of scores, two lines, active's version named.
    expect(blocks.length).toBe(1);
    expect(blocks[0]).toContain('x-axis ["v3 active", "v11", "v12", "v13", "v14", "v15"]');
    expect(blocks[0]!.match(/^ {2}line \[/gm)).toHaveLength(2);
    expect(await mermaidErrors(r.summary)).toEqual([]);
    const warnings = r.annotations.filter((a) => a.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("'active' of model is on v3, latest is v15");
    expect(warnings[0]!.message).toContain('5 versions behind (threshold 2)');

    // Under the threshold: no warning.
    const quiet = await ok(repo, { command: 'status', 'drift-warn-versions': '5' });
    expect(quiet.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });

  it('refuses bad input before touching anything, naming the input', async () => {
    const repo = await ownCopy('prune-bad-input');
    const before = await server.refs(repo);
    const cases: [Record<string, string>, RegExp][] = [
      [
        { command: 'prune', 'keep-last': '0' },
        /keep-last.*'0' is not a whole number of at least 1/,
      ],
      [{ command: 'prune', 'keep-days': 'soon' }, /keep-days.*'soon' is not a number/],
      [
        { command: 'promote', version: '99' },
        /version.*version 99 does not exist.*Versions of 'model'/s,
      ],
      [{ command: 'promote', alias: 'latest' }, /alias.*'latest' is not a valid alias name/],
      [{ command: 'promote', alias: 'Prod!' }, /alias.*'Prod!' is not a valid alias name/],
      [{ command: 'promote', version: '--upload-pack=x' }, /version.*is not a version selector/],
      [
        { command: 'status', 'drift-warn-age': 'a week' },
        /drift-warn-age.*'a week' is not a duration/,
      ],
      [{ command: 'record', paths: 'model/**', 'promote-high': '0.9' }, /promote-metric.*is empty/],
    ];
    for (const [inputs, message] of cases) {
      const r = await run(repo, inputs);
      expect(r.code, JSON.stringify(inputs)).toBe(1);
      expect(r.stdout + r.stderr).toMatch(message);
    }
    expect(await server.refs(repo)).toEqual(before);
  });

  it('demote removes the alias with an event; promote previous moves it back one version', async () => {
    const repo = await ownCopy('prune-demote');
    await ok(repo, { command: 'promote', alias: 'staging', version: '14' });
    const back = await ok(repo, { command: 'promote', alias: 'staging', version: 'previous' });
    expect(back.outputs).toMatchObject({ version: '13', 'previous-version': '14' });
    const same = await ok(repo, { command: 'promote', alias: 'staging', version: '13' });
    expect(same.outputs.promoted).toBe('false');
    const removed = await ok(repo, { command: 'demote', alias: 'staging' });
    expect(removed.outputs).toMatchObject({ version: '', 'previous-version': '13' });
    expect((await server.refs(repo)).has(`refs/versions/${TRACK}/aliases/staging`)).toBe(false);
    const status = await ok(repo, { command: 'status' });
    const file = JSON.parse(readFileSync(status.outputs['status-file']!, 'utf8'));
    const history = file.tracks[0].history.staging;
    expect(history.map((h: { version: number }) => h.version)).toEqual([14, 13]);
    expect(history[1].until).not.toBeNull();
  });
});
