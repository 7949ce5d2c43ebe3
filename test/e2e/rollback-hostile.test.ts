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
  git,
  runAction,
  startFakeGitHub,
  startGitServer,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'hostile-token';
const REPO = 'acme/hostile';
let server: GitServer;
let api: FakeGitHub;
let bare: string;
let base: string;

/** A tree object written byte by byte, so git's own checks cannot stop a hostile name. */
async function rawTree(entries: { mode: string; name: string; oid: string }[]): Promise<string> {
  const body = Buffer.concat(
    entries.map((e) =>
      Buffer.concat([Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex')]),
    ),
  );
  return (
    await git(bare, ['hash-object', '-t', 'tree', '--literally', '-w', '--stdin'], { input: body })
  ).trim();
}

async function blob(content: string): Promise<string> {
  return (await git(bare, ['hash-object', '-w', '--stdin'], { input: content })).trim();
}

type Node = { mode: string; name: string; oid?: string; content?: string; children?: Node[] };

async function build(nodes: Node[]): Promise<string> {
  const entries = [];
  for (const n of nodes) {
    const oid = n.children ? await build(n.children) : (n.oid ?? (await blob(n.content ?? '')));
    entries.push({ mode: n.children ? '40000' : n.mode, name: n.name, oid });
  }
  return rawTree(entries);
}

/** Writes version `n` of track conf with this tree, as a snapshot commit on the base. */
async function hostileVersion(n: number, tree: Node[]): Promise<void> {
  const oid = await build(tree);
  const commit = (
    await git(bare, [
      'commit-tree',
      oid,
      '-p',
      base,
      '-m',
      `snapback: conf v${n}\n\ntrack: conf\nversion: ${n}\nsource-commit: ${base}\n`,
    ])
  ).trim();
  await git(bare, ['update-ref', `refs/versions/conf/${n}`, commit]);
}

const conf = (children: Node[]): Node => ({ mode: '40000', name: 'conf', children });
const file = (name: string, content = 'x'): Node => ({ mode: '100644', name, content });

const CASES: [string, Node[], RegExp][] = [
  [
    'a `..` component',
    [conf([file('ok.json'), { mode: '40000', name: '..', children: [file('evil.sh')] }])],
    /conf\/\.\.\/evil\.sh: a `\.\.` or empty path component/,
  ],
  [
    'a .git folder at the root',
    [
      conf([file('ok.json')]),
      {
        mode: '40000',
        name: '.git',
        children: [
          { mode: '40000', name: 'hooks', children: [file('post-checkout', '#!/bin/sh\nid\n')] },
        ],
      },
    ],
    /\.git\/hooks\/post-checkout: paths inside `\.git` are never written/,
  ],
  [
    'a .GIT folder inside the track',
    [conf([{ mode: '40000', name: '.GIT', children: [file('config')] }])],
    /conf\/\.GIT\/config: paths inside `\.git` are never written/,
  ],
  [
    'a symlink pointing outside',
    [conf([{ mode: '120000', name: 'passwd', content: '../../../etc/passwd' }])],
    /conf\/passwd: the symbolic link points outside the repository/,
  ],
  [
    'a path through a symlink',
    [
      conf([
        { mode: '120000', name: 'dir', content: '../src' },
        { mode: '40000', name: 'dir', children: [file('x.py')] },
      ]),
    ],
    /conf\/dir\/x\.py: the path goes through the symbolic link `conf\/dir`/,
  ],
  [
    'a gitlink',
    [conf([file('ok.json'), { mode: '160000', name: 'sub', oid: '1'.repeat(40) }])],
    /conf\/sub: submodules \(gitlinks\) are not restored/,
  ],
  [
    'a workflow file',
    [
      conf([file('ok.json')]),
      {
        mode: '40000',
        name: '.github',
        children: [{ mode: '40000', name: 'workflows', children: [file('ci.yml', 'on: push')] }],
      },
    ],
    /\.github\/workflows\/ci\.yml: the version changes a file under `\.github\/workflows\/`, which the Actions token may not do/,
  ],
];

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
  for (const [i, [, tree]] of CASES.entries()) await hostileVersion(i + 1, tree);
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
