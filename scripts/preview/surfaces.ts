/**
 * Every kind of Markdown the product writes, produced the way users get it: the bundled action
 * run as the runner runs it, against a local git server and the fake GitHub API. Job summaries
 * come from GITHUB_STEP_SUMMARY, the sticky comment and the rollback pull request's body from
 * what the fake API received. Texts that come from users carry hostile samples (HTML, mentions,
 * links, table pipes, Markdown emphasis) so that the rendered page shows they stay inert.
 */
import {
  checkout,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type ActionResult,
  type FakeGitHub,
  type GitServer,
} from '../../test/harness/index.js';

export interface Surface {
  /** File-name friendly identifier, e.g. `record-summary`. */
  id: string;
  /** What a person would call it. */
  title: string;
  kind: 'job summary' | 'pull request comment' | 'pull request body';
  markdown: string;
}

const TOKEN = 'preview-token';

/** Marker elements: if any of them shows up in the rendered page, user text became HTML. */
export const INJECTED_IDS = ['inj-reason', 'inj-meta', 'inj-file', 'inj-key', 'inj-label'];
const HOSTILE_REASON = `nightly <b id="inj-reason">retrain</b> @octocat see [docs](https://evil.example) | cell`;

function ok(title: string, r: ActionResult): ActionResult {
  if (r.code !== 0) throw new Error(`${title} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `f(i)` over 0..n-1 as a file map. */
function manyFiles(n: number, content: (i: number) => string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    files[`gen/part-${String(Math.floor(i / 500)).padStart(2, '0')}/file-${i}.json`] = content(i);
  }
  return files;
}

async function modelHeads(server: GitServer, api: FakeGitHub, out: Surface[]): Promise<void> {
  const repo = 'lab/models';
  const config = `tracks:
  model-creamy_chicken:
    paths: heads/creamy_chicken/**
    metrics: metrics/creamy_chicken.json
    promote:
      metric: eval.f1
      alias: production
      min-improvement: 0.01
  model-tomato_soup:
    paths: heads/tomato_soup/**
    metrics: metrics/tomato_soup.json
`;
  await createRemoteRepo(server, repo, {
    '.github/snapback.yml': config,
    VERSION: '2.3.0\n',
    'heads/creamy_chicken/config.yaml': 'layers: 4\nthreshold: 0.5\n',
    'heads/tomato_soup/config.yaml': 'layers: 2\n',
  });
  const ws = await checkout(server, repo, { token: TOKEN });
  const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    runAction({ workspace: ws, server, repo, token: TOKEN, inputs, env });

  const f1 = [0.81, 0.86, 0.85, 0.9, 0.93, 0.92, 0.95];
  let last: ActionResult | undefined;
  for (let i = 0; i < f1.length; i++) {
    await writeTree(ws, {
      'heads/creamy_chicken/weights.bin': Buffer.alloc(4096 + i * 512, i + 1),
      'heads/creamy_chicken/config.yaml': `layers: ${4 + (i % 3)}\nthreshold: 0.${5 + i}\n`,
      'metrics/creamy_chicken.json': JSON.stringify({
        eval: { f1: f1[i], precision: f1[i]! + 0.02, recall: f1[i]! - 0.03 },
      }),
      'heads/tomato_soup/weights.bin': Buffer.alloc(2048, i % 3),
      'metrics/tomato_soup.json': JSON.stringify({ loss: 0.5 - i * 0.04 }),
    });
    last = ok(
      `record ${i + 1}`,
      await run({ reason: i === f1.length - 1 ? HOSTILE_REASON : `retrain ${i + 1}` }),
    );
  }
  out.push({
    id: 'record-summary',
    title: 'record: two tracks, one promoted by its metric rule',
    kind: 'job summary',
    markdown: last!.summary,
  });

  const promoted = ok(
    'promote',
    await run({
      command: 'promote',
      track: 'model-creamy_chicken',
      alias: 'staging',
      version: '5',
    }),
  );
  out.push({
    id: 'promote-summary',
    title: 'promote',
    kind: 'job summary',
    markdown: promoted.summary,
  });

  const status = ok(
    'status',
    await run({ command: 'status', 'drift-warn-versions': '1', 'drift-warn-age': '1h' }),
  );
  out.push({
    id: 'status-summary',
    title: 'status: charts, aliases and drift',
    kind: 'job summary',
    markdown: status.summary,
  });

  const pruned = ok(
    'prune',
    await run({ command: 'prune', track: 'model-creamy_chicken', 'keep-last': '2' }),
  );
  out.push({ id: 'prune-summary', title: 'prune', kind: 'job summary', markdown: pruned.summary });
  void api;
}

async function configTrack(server: GitServer, api: FakeGitHub, out: Surface[]): Promise<void> {
  const repo = 'bots/config';
  api.addRepo(repo);
  const base = {
    'conf/app.json': JSON.stringify(
      { llm: { model: 'small', temperature: 0.2 }, retries: 3 },
      null,
      2,
    ),
    'conf/limits.yaml': 'requests_per_minute: 60\nburst: 10\n',
    'conf/rules.toml': '[moderation]\nlevel = "strict"\n',
    'conf/old-name.txt': 'the same bytes\n',
    'conf/a | b_*c*.json': '{"x": 1}',
  };
  await createRemoteRepo(server, repo, base);
  const ws = await checkout(server, repo, { token: TOKEN });
  const run = (
    inputs: Record<string, string>,
    extra: Partial<Parameters<typeof runAction>[0]> = {},
  ) =>
    runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      env: { GITHUB_API_URL: api.url },
      ...extra,
      inputs: { track: 'config', paths: 'conf/**', ...inputs },
    });
  ok('config v1', await run({ reason: 'first' }));
  await writeTree(ws, {
    'conf/app.json': JSON.stringify(
      { llm: { model: 'large', temperature: 0.2, 'top<p>': 0.9 }, retries: 5 },
      null,
      2,
    ),
    'conf/limits.yaml': 'requests_per_minute: 120\nburst: 10\n',
    'conf/new.yaml': 'enabled: true\n',
    'conf/a | b_*c*.json': '{"x": 2, "<b id=\\"inj-key\\">k</b>": "@octocat"}',
  });
  const { rm, rename } = await import('node:fs/promises');
  await rename(`${ws}/conf/old-name.txt`, `${ws}/conf/new-name.txt`);
  await rm(`${ws}/conf/rules.toml`);
  ok(
    'config v2',
    await run({
      reason: HOSTILE_REASON,
      metadata: JSON.stringify({ ticket: '<b id="inj-meta">OPS-1</b>' }),
    }),
  );

  const d = ok('diff', await run({ command: 'diff', from: '1', to: 'latest' }));
  out.push({
    id: 'diff-summary',
    title: 'diff: renames and key-level changes',
    kind: 'job summary',
    markdown: d.summary,
  });

  const pr = api.addPullRequest(repo, { title: 'Tune the bot', head: 'tune', base: 'main' });
  await writeTree(ws, { 'conf/limits.yaml': 'requests_per_minute: 240\nburst: 20\n' });
  ok(
    'PR comment',
    await run(
      { command: 'diff' },
      {
        eventName: 'pull_request',
        event: { action: 'synchronize', number: pr, pull_request: { number: pr } },
      },
    ),
  );
  out.push({
    id: 'pr-comment',
    title: 'pull request comment',
    kind: 'pull request comment',
    markdown: api.comments(repo, pr).at(-1)!.body,
  });

  const back = ok(
    'rollback',
    await runAction({
      workspace: await checkout(server, repo, { token: TOKEN }),
      server,
      repo,
      token: TOKEN,
      eventName: 'workflow_dispatch',
      event: { inputs: { version: '2' } },
      env: { GITHUB_API_URL: api.url },
      inputs: { command: 'rollback', track: 'config', paths: 'conf/**', version: '2' },
    }),
  );
  out.push({
    id: 'rollback-summary',
    title: 'rollback',
    kind: 'job summary',
    markdown: back.summary,
  });
  const pull = api
    .pullRequests(repo)
    .find((p) => p.state === 'open' && p.head.endsWith(':snapback/rollback/config'));
  if (!pull) throw new Error('rollback opened no pull request');
  out.push({
    id: 'rollback-body',
    title: 'rollback pull request',
    kind: 'pull request body',
    markdown: pull.body ?? '',
  });
}

async function largeDiff(server: GitServer, api: FakeGitHub, out: Surface[]): Promise<void> {
  const repo = 'gen/projects';
  api.addRepo(repo);
  const n = 10_000;
  await createRemoteRepo(
    server,
    repo,
    manyFiles(n, (i) => `{"i": ${i}}\n`),
  );
  const ws = await checkout(server, repo, { token: TOKEN });
  const inputs = { track: 'generated', paths: 'gen/**' };
  ok('10,000 files v1', await runAction({ workspace: ws, server, repo, token: TOKEN, inputs }));
  await writeTree(
    ws,
    manyFiles(n, (i) => `{"i": ${i}, "v": 2}\n`),
  );
  const d = ok(
    '10,000 files diff',
    await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { ...inputs, command: 'diff', to: 'worktree' },
    }),
  );
  out.push({
    id: 'diff-10000-summary',
    title: 'diff of 10,000 files',
    kind: 'job summary',
    markdown: d.summary,
  });
  const pr = api.addPullRequest(repo, { title: 'Regenerate', head: 'regen', base: 'main' });
  ok(
    '10,000 files PR comment',
    await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      eventName: 'pull_request',
      event: { action: 'synchronize', number: pr, pull_request: { number: pr } },
      env: { GITHUB_API_URL: api.url },
      inputs: { ...inputs, command: 'diff' },
    }),
  );
  out.push({
    id: 'pr-comment-10000',
    title: 'pull request comment, 10,000 files',
    kind: 'pull request comment',
    markdown: api.comments(repo, pr).at(-1)!.body,
  });
}

/** Runs every scenario; the servers live only for the call. */
export async function collectSurfaces(): Promise<{ surfaces: Surface[]; serverUrl: string }> {
  const server = await startGitServer({ token: TOKEN });
  // Pull request pages live on the same server as run pages, as on GitHub.
  const api = await startFakeGitHub({ webUrl: server.url });
  api.addToken(TOKEN, {
    permissions: { contents: 'write', 'pull-requests': 'write', issues: 'write' },
  });
  const out: Surface[] = [];
  try {
    await modelHeads(server, api, out);
    await configTrack(server, api, out);
    await largeDiff(server, api, out);
    if (api.violations.length > 0) {
      throw new Error(
        `the fake GitHub saw requests GitHub would refuse: ${JSON.stringify(api.violations)}`,
      );
    }
    return { surfaces: out, serverUrl: server.url };
  } finally {
    await api.close();
    await server.close();
  }
}
