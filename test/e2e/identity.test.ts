/**
 * Who the commits snapback writes name, read back with native git on the server: the actor as
 * author under the noreply address of its account id (from the event payload's sender), else
 * github-actions[bot]; github-actions[bot] as committer unless the `committer` input says
 * otherwise. Snapshot, notes and rollback commits alike. Through dist/index.js.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  pushCommit,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'identity-token';
const REPO = 'acme/identity';
const BOT = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>';
const OCTOCAT = 'octocat <583231+octocat@users.noreply.github.com>';
let server: GitServer;
let api: FakeGitHub;
let ws: string;
let n = 0;

/** `author|committer` of a commit on the server, as native git prints them. */
const people = (rev: string) =>
  server.git(REPO, ['log', '-1', '--format=%an <%ae>|%cn <%ce>', rev]).then((s) => s.trim());

async function recordAs(opts: { event?: unknown; inputs?: Record<string, string> } = {}) {
  await writeTree(ws, { 'cfg/app.json': JSON.stringify({ n: ++n }) });
  return runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    event: opts.event ?? {},
    env: { GITHUB_API_URL: api.url },
    inputs: { track: 'cfg', paths: 'cfg/**', ...opts.inputs },
  });
}

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  api.addRepo(REPO);
  await createRemoteRepo(server, REPO, { 'cfg/app.json': '{}' });
  ws = await checkout(server, REPO, { token: TOKEN });
});
afterEach(() => {
  expect(api.violations).toEqual([]);
});
afterAll(async () => {
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

describe('commit identity', () => {
  it('the actor (with its account id) authors, github-actions[bot] commits: snapshot and notes', async () => {
    const r = await recordAs({ event: { sender: { login: 'octocat', id: 583231, type: 'User' } } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await people(`refs/versions/cfg/${r.outputs.version}`)).toBe(`${OCTOCAT}|${BOT}`);
    expect(await people('refs/notes/versions')).toBe(`${OCTOCAT}|${BOT}`);
  });

  it('without the account id (or with another sender) the bot is the author too', async () => {
    const none = await recordAs();
    expect(none.code, none.stdout + none.stderr).toBe(0);
    expect(await people(`refs/versions/cfg/${none.outputs.version}`)).toBe(`${BOT}|${BOT}`);
    // GITHUB_ACTOR is octocat; a payload about someone else does not lend octocat its id.
    const other = await recordAs({ event: { sender: { login: 'mallory', id: 1 } } });
    expect(await people(`refs/versions/cfg/${other.outputs.version}`)).toBe(`${BOT}|${BOT}`);
  });

  it('the committer input names the committer of snapshot, notes and promotion notes', async () => {
    const inputs = { committer: '  Release Bot <release-bot@example.com> ' };
    const r = await recordAs({ inputs, event: { sender: { login: 'octocat', id: 583231 } } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const committer = 'Release Bot <release-bot@example.com>';
    expect(await people(`refs/versions/cfg/${r.outputs.version}`)).toBe(`${OCTOCAT}|${committer}`);
    const p = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { command: 'promote', track: 'cfg', version: r.outputs.version!, ...inputs },
    });
    expect(p.code, p.stdout + p.stderr).toBe(0);
    expect(await people('refs/notes/versions')).toBe(`${BOT}|${committer}`);
  });

  it.each(['Release Bot', 'Release Bot <release-bot>', '<a@example.com>', 'A <a@example.com>\nB'])(
    'a committer that is not "Name <email>" (%j) fails naming the input, pushing nothing',
    async (committer) => {
      const before = await server.refs(REPO);
      const r = await recordAs({ inputs: { committer } });
      expect(r.code).not.toBe(0);
      const error = r.annotations.find((a) => a.level === 'error')!.message;
      expect(error).toContain("Input 'committer'");
      expect(error).toContain('Name <email>');
      expect(await server.refs(REPO)).toEqual(before);
    },
  );

  it('the rollback commit: the actor authors, the bot commits', async () => {
    await pushCommit(server, REPO, { 'cfg/app.json': '{"latest":true}' }, { replace: true });
    const rws = await checkout(server, REPO, { token: TOKEN });
    const r = await runAction({
      workspace: rws,
      server,
      repo: REPO,
      token: TOKEN,
      eventName: 'workflow_dispatch',
      event: { inputs: { version: '1' }, sender: { login: 'octocat', id: 583231 } },
      env: { GITHUB_API_URL: api.url },
      inputs: { command: 'rollback', track: 'cfg', paths: 'cfg/**', version: '1' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await people('refs/heads/snapback/rollback/cfg')).toBe(`${OCTOCAT}|${BOT}`);
  });
});
