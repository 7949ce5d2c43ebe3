/**
 * Hostile snapshots: version refs written straight into the server's repository by someone
 * with push access, holding paths no honest recording makes. The rollback must refuse each,
 * naming the path, and write nothing: no branch on the git server, no call that changes
 * anything on the GitHub API.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';
import { HOSTILE_CASES as CASES, hostileVersion } from '../harness/hostile-versions.js';

const TOKEN = 'hostile-token';
const REPO = 'acme/hostile';
let server: GitServer;
let api: FakeGitHub;
let bare: string;
let base: string;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  ({ commit: base } = await createRemoteRepo(server, REPO, {
    'conf/ok.json': '{}',
    'src/app.py': 'print(1)\n',
  }));
  api.addRepo(REPO);
  bare = server.repoPath(REPO);
  for (const [i, [, tree]] of CASES.entries()) await hostileVersion(bare, base, i + 1, tree);
});
afterEach(() => {
  // Every request the product made and every answer it got matched GitHub's description.
  // Cleared either way, so one test's violations do not fail the tests after it.
  const left = [...api.violations];
  api.clearViolations();
  expect(left).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

describe('rollback refuses hostile snapshots', () => {
  it.each(CASES.map(([name, , message], i) => [name, i + 1, message] as const))(
    '%s (v%i): refused, naming the path; nothing written anywhere',
    async (_name, version, message) => {
      const refs = await server.refs(REPO);
      api.resetLog();
      const ws = await checkout(server, REPO, { token: TOKEN });
      const r = await runAction({
        workspace: ws,
        server,
        repo: REPO,
        token: TOKEN,
        eventName: 'workflow_dispatch',
        env: { GITHUB_API_URL: api.url },
        inputs: { command: 'rollback', track: 'conf', paths: 'conf/**', version: String(version) },
      });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toMatch(message);
      expect(r.stdout + r.stderr).toContain('nothing was written');
      expect(await server.refs(REPO)).toEqual(refs);
      expect(api.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    },
  );
});
