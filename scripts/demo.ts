/**
 * `npm run demo`: a throwaway repository behind a local git server, and the bundled action run
 * through several recordings, a diff, a promotion, the status dashboard, and dry runs of retention and of a rollback,
 * exactly as a workflow runner would run it, plus the sticky comment on a pull request (against a
 * local stand-in for GitHub's API). Ends by leaving a copy of the registry in .demo/, every job
 * summary and the comment as Markdown and as one rendered page, and showing how to read the
 * registry with plain git.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { markdownToHtml, page } from './preview/page.js';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type ActionResult,
} from '../test/harness/index.js';

const TOKEN = 'demo-token';
const REPO = 'demo/app';
const KEEP = resolve('.demo/registry.git');
const SHOWN = resolve('.demo/summaries');

/** What the demo's runs wrote for people to read: job summaries and the pull request comment. */
const surfaces: { name: string; markdown: string }[] = [];
function keep(name: string, markdown: string): void {
  if (markdown.trim()) surfaces.push({ name, markdown });
}

function show(title: string, r: ActionResult, dryRun = false): void {
  if (r.code !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${title}: the action failed`);
  }
  const o = r.outputs;
  const what = dryRun
    ? `would record v${o.version} (nothing pushed)`
    : o.recorded === 'true'
      ? `recorded v${o.version}`
      : `nothing recorded (latest is v${o.version})`;
  console.log(`\n▶ ${title}\n  ${what}  label=${o.label}  ref=${o.ref}  commit=${o.commit || '-'}`);
  for (const a of r.annotations) console.log(`  ${a.level}: ${a.message}`);
  keep(title, r.summary);
}

const server = await startGitServer({ token: TOKEN });
try {
  console.log(`Local git server on ${server.url}; repository ${REPO}.`);
  await createRemoteRepo(server, REPO, {
    VERSION: '1.4.0\n',
    'config/app.json': '{\n  "llm": { "model": "small", "temperature": 0.2 }\n}\n',
    'config/limits.yaml': 'requests_per_minute: 60\n',
    'src/main.py': 'print("not part of the track")\n',
  });
  const ws = await checkout(server, REPO, { token: TOKEN });
  const inputs = { track: 'config', paths: 'config/**\nmodels/**', reason: 'demo run' };
  const run = (extra: Record<string, string> = {}) =>
    runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs: { ...inputs, ...extra } });

  // A file the job generates and never commits.
  await writeTree(ws, { 'models/weights.bin': Buffer.alloc(64 * 1024, 1) });
  show(
    '1. First run, with a generated file (models/weights.bin)',
    await run({ metrics: '{"f1": 0.88}' }),
  );
  show('2. Same content again', await run());

  await writeTree(ws, {
    'config/app.json': '{\n  "llm": { "model": "large", "temperature": 0.2 }\n}\n',
    'models/weights.bin': Buffer.alloc(64 * 1024, 2),
  });
  show('3. Config edited and model retrained', await run({ metrics: '{"f1": 0.93}' }));

  await writeTree(ws, { 'config/limits.yaml': 'requests_per_minute: 120\n' });
  show('4. Dry run of a further change (nothing pushed)', await run({ 'dry-run': 'true' }), true);

  const d = await runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { command: 'diff', track: 'config', from: '1', to: '2' },
  });
  if (d.code !== 0) throw new Error(`diff failed: ${d.stdout}${d.stderr}`);
  keep('5. diff from v1 to v2', d.summary);
  const changes = JSON.parse(readFileSync(d.outputs['changes-file']!, 'utf8')) as {
    tracks: {
      files: {
        path: string;
        status: string;
        content?: { keys?: { path: string; before?: unknown; after?: unknown }[] };
      }[];
    }[];
  };
  console.log('\n▶ 5. diff from v1 to v2');
  for (const f of changes.tracks[0]!.files) {
    console.log(`  ${f.status} ${f.path}`);
    for (const k of f.content?.keys ?? [])
      console.log(`      ${k.path}: ${JSON.stringify(k.before)} → ${JSON.stringify(k.after)}`);
  }

  const command = async (extra: Record<string, string>) => {
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      inputs: { track: 'config', ...extra },
    });
    if (r.code !== 0) throw new Error(`${extra.command} failed: ${r.stdout}${r.stderr}`);
    keep(extra.command ?? 'command', r.summary);
    return r;
  };
  const promoted = await command({ command: 'promote', alias: 'production', version: '1' });
  console.log(
    `\n▶ 6. promote v1 to production\n  production → v${promoted.outputs.version} (was ${promoted.outputs['previous-version'] || 'unset'})`,
  );
  const status = await command({ command: 'status', 'drift-warn-versions': '0' });
  const file = JSON.parse(readFileSync(status.outputs['status-file']!, 'utf8')) as {
    tracks: {
      versions: unknown[];
      aliases: { alias: string; version: number; behind: number }[];
    }[];
  };
  console.log('\n▶ 7. status (the job summary also draws a chart of f1 per version)');
  for (const a of file.tracks[0]!.aliases)
    console.log(`  ${a.alias} → v${a.version}, ${a.behind} version(s) behind the latest`);
  for (const a of status.annotations) console.log(`  ${a.level}: ${a.message}`);
  const pruned = await command({ command: 'prune', 'keep-last': '1', 'dry-run': 'true' });
  console.log(
    `\n▶ 8. prune keeping the newest version (dry run): would delete ${pruned.outputs.pruned} — v1 stays, production points at it`,
  );

  const back = await command({ command: 'rollback', version: '1', 'dry-run': 'true' });
  console.log(
    `\n▶ 9. roll back to v1 (dry run: no branch, no pull request)\n  would change ${back.outputs['changed-count']} file(s) on main: modified ${back.outputs.modified}, added ${back.outputs.added}`,
  );

  // A pull request that edits the config: the action keeps one comment on it up to date.
  const api = await startFakeGitHub();
  try {
    api.addToken(TOKEN, { permissions: { contents: 'read', 'pull-requests': 'write' } });
    api.addRepo(REPO);
    const pr = api.addPullRequest(REPO, {
      title: 'Raise the rate limit',
      head: 'limits',
      base: 'main',
    });
    await writeTree(ws, { 'config/limits.yaml': 'requests_per_minute: 240\nburst: 20\n' });
    const commented = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: TOKEN,
      eventName: 'pull_request',
      event: { action: 'synchronize', number: pr, pull_request: { number: pr } },
      env: { GITHUB_API_URL: api.url },
      inputs: { command: 'diff', track: 'config', paths: 'config/**\nmodels/**' },
    });
    if (commented.code !== 0)
      throw new Error(`PR comment failed: ${commented.stdout}${commented.stderr}`);
    const comment = api.comments(REPO, pr).at(-1)!;
    console.log(
      `\n▶ 10. pull request #${pr}: one sticky comment (id ${comment.id}) shows how it changes the track`,
    );
    keep(`10. comment on pull request #${pr}`, comment.body);
  } finally {
    await api.close();
  }

  await rm(SHOWN, { recursive: true, force: true });
  await mkdir(SHOWN, { recursive: true });
  const sections: { heading: string; html: string }[] = [];
  for (const [i, s] of surfaces.entries()) {
    const file = join(
      SHOWN,
      `${String(i + 1).padStart(2, '0')}-${s.name
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}.md`,
    );
    await writeFile(file, s.markdown);
    sections.push({ heading: s.name, html: await markdownToHtml(s.markdown) });
  }
  const rendered = resolve('.demo/summaries.html');
  await writeFile(rendered, page('Snapback demo: what the runs wrote', sections, 'light'));
  console.log(
    `\nWhat the runs wrote for people (job summaries, the comment):\n  ${SHOWN}/ (Markdown, ${surfaces.length} files)\n  ${rendered} (rendered as GitHub would; open it in a browser)`,
  );

  await rm(KEEP, { recursive: true, force: true });
  await cp(server.repoPath(REPO), KEEP, { recursive: true });
  const log = await git(KEEP, [
    'log',
    '--notes=versions',
    '--format=%h %s%n%N',
    '-1',
    'refs/versions/config/2',
  ]);
  console.log(`\nThe registry, read with plain git (a copy is in ${KEEP}):\n`);
  console.log(
    await git(KEEP, [
      'for-each-ref',
      '--format=  %(refname)  %(objectname:short)',
      'refs/versions',
      'refs/notes',
    ]),
  );
  console.log(log.replace(/^/gm, '  '));
  console.log(`Try:
  git --git-dir ${KEEP} log refs/versions/config/2
  git --git-dir ${KEEP} diff refs/versions/config/1 refs/versions/config/2 --stat
  git --git-dir ${KEEP} notes --ref=versions show refs/versions/config/2`);
} finally {
  await server.close();
  await cleanupTempDirs();
}
