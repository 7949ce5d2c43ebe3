/**
 * record with a promotion rule and retention from the config file, end to end through
 * dist/index.js: each recording's decision and reason, the alias moving in the same request
 * as the version, and pruning after recording that never touches the aliased version.
 */
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

const TOKEN = 'auto-token';
let server: GitServer;

const CONFIG = `tracks:
  head:
    paths: model/**
    metrics: metrics.json
    keep-last: 3
    promote:
      metric: eval.f1
      high: 0.95
      min-improvement: 0.02
`;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
});

/** Each test has its own repository with the config file, so each runs alone too. */
async function workspaceFor(repo: string): Promise<string> {
  await createRemoteRepo(server, repo, { '.github/snapback.yml': CONFIG, 'model/w.bin': 'x' });
  return checkout(server, repo, { token: TOKEN });
}

/** Records the work tree with these weights and metrics; the run must succeed. */
async function recordWith(repo: string, ws: string, weights: string, f1: number) {
  await writeTree(ws, { 'model/w.bin': weights, 'metrics.json': JSON.stringify({ eval: { f1 } }) });
  const r = await runAction({ workspace: ws, server, repo, token: TOKEN, inputs: {} });
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r;
}
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

async function aliasVersion(REPO: string): Promise<number | undefined> {
  const refs = await server.refs(REPO, 'refs/versions/head/');
  const target = refs.get('refs/versions/head/aliases/active');
  for (const [ref, oid] of refs) {
    const m = /\/(\d+)$/.exec(ref);
    if (m && oid === target) return Number(m[1]);
  }
  return undefined;
}

// [f1, promoted?, reason, alias afterwards, versions left afterwards]
const steps: [number, boolean, string, number, number[]][] = [
  [0.9, true, "v1 is the track's first version.", 1, [1]],
  [0.91, false, 'eval.f1 0.91 vs 0.9 on v1 (+0.01): needs an improvement of 0.02', 1, [1, 2]],
  [0.93, true, 'eval.f1 0.93 vs 0.9 on v1 (+0.03): improves by at least 0.02.', 3, [1, 2, 3]],
  [0.92, false, 'eval.f1 0.92 vs 0.93 on v3 (−0.01): needs an improvement', 3, [2, 3, 4]],
  [0.95, true, 'eval.f1 0.95 vs 0.93 on v3 (+0.02): ≥ 0.95 with no regression.', 5, [3, 4, 5]],
  [0.955, true, 'eval.f1 0.955 vs 0.95 on v5 (+0.005): ≥ 0.95 with no regression.', 6, [4, 5, 6]],
  [0.951, false, 'eval.f1 0.951 vs 0.955 on v6 (−0.004): ≥ 0.95 but a regression.', 6, [5, 6, 7]],
];

describe('auto-promotion after record', () => {
  it('follows the rule at every recording and prunes around the aliased version', async () => {
    const REPO = 'acme/auto';
    const ws = await workspaceFor(REPO);
    for (const [i, [f1, promoted, reason, alias, left]] of steps.entries()) {
      await writeTree(ws, {
        'model/w.bin': `weights ${i}`,
        'metrics.json': JSON.stringify({ eval: { f1 } }),
      });
      server.resetLog();
      const r = await runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs: {} });
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.outputs.version).toBe(String(i + 1));
      expect(r.outputs.promoted, `v${i + 1}`).toBe(String(promoted));
      expect(r.outputs['promotion-reason']).toContain(reason);
      expect(await aliasVersion(REPO)).toBe(alias);
      const versions = [...(await server.refs(REPO, 'refs/versions/head/')).keys()]
        .map((ref) => /\/(\d+)$/.exec(ref)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      expect(versions, `after v${i + 1}`).toEqual(left);
      // The version and its promotion land in one request; a prune, when there is one, in another.
      await server.idle();
      const posts = server.requests.filter((q) => q.service === 'receive-pack').length;
      expect(posts).toBe(JSON.parse(r.outputs.pruned!).length > 0 ? 2 : 1);
      expect(r.summary).toContain('### Auto-promotion');
      if (promoted) {
        expect(
          r.annotations.some(
            (a) => a.level === 'notice' && a.message.includes("promoted to 'active'"),
          ),
        ).toBe(true);
      }
    }
    expect((await server.fsck(REPO)).ok).toBe(true);
  });

  it('records nothing and promotes nothing when the content is unchanged', async () => {
    const repo = 'acme/auto-unchanged';
    const ws = await workspaceFor(repo);
    const first = await recordWith(repo, ws, 'weights', 0.9);
    expect(first.outputs).toMatchObject({ recorded: 'true', promoted: 'true' });
    const r = await runAction({ workspace: ws, server, repo, token: TOKEN, inputs: {} });
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs).toMatchObject({
      recorded: 'false',
      version: '1',
      promoted: 'false',
      'promotion-reason': '',
    });
  });

  it('a dry run reports the decision and moves nothing', async () => {
    const repo = 'acme/auto-dry-run';
    const ws = await workspaceFor(repo);
    await recordWith(repo, ws, 'weights', 0.955);
    await recordWith(repo, ws, 'weights 2', 0.9);
    await writeTree(ws, { 'model/w.bin': 'better', 'metrics.json': '{"eval":{"f1":0.99}}' });
    const before = await server.refs(repo);
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { 'dry-run': 'true' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.promoted).toBe('true');
    expect(r.outputs['promotion-reason']).toContain('eval.f1 0.99 vs 0.955 on v1');
    expect(r.summary).toContain('would promote v3');
    expect(await server.refs(repo)).toEqual(before);
  });
});
