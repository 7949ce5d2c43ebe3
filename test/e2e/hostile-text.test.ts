/**
 * Hostile text through the bundled action: reasons, metadata, metrics, labels, file names, keys
 * and values that try HTML, links, images, mentions, issue references and table breaks. The
 * job summaries of record, diff and status are rendered as GFM and must hold only the product's
 * own structure, with links only to this repository's run pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  inertnessProblems,
  runAction,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'hostile-text-token';
const REPO = 'acme/hostile-text';
const ATTACK =
  '<img src=x onerror=alert(1)> | @octocat @acme/admins [x](https://evil.example) https://evil.example www.evil.example fixes #12 **b** `c` <details>';
/** The same, fit for a file name (no slash). */
const NAME = ATTACK.replace(/\//g, '_');
let server: GitServer;
let ws: string;
let runPages: string;

const run = (inputs: Record<string, string>) =>
  runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs });

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  runPages = `${server.url}/${REPO}/actions/runs/`;
  await createRemoteRepo(server, REPO, {
    VERSION: `1.0.0 ${ATTACK}\n`,
    [`conf/${NAME}.json`]: JSON.stringify({ [ATTACK]: ATTACK }),
    'conf/app.yaml': 'model: a\n',
  });
  ws = await checkout(server, REPO, { token: TOKEN });
  const inputs = {
    track: 'conf',
    paths: 'conf/**',
    reason: ATTACK,
    metadata: JSON.stringify({ note: ATTACK, [ATTACK]: 1 }),
    metrics: JSON.stringify({ f1: 0.5, [ATTACK]: 0.25, text: ATTACK }),
  };
  expect((await run(inputs)).code).toBe(0);
  await writeTree(ws, {
    [`conf/${NAME}.json`]: JSON.stringify({ [ATTACK]: `${ATTACK}!`, extra: ATTACK }),
    [`conf/new ${NAME}.yaml`]: `"${ATTACK}": 1\n`,
  });
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

/** The summary shows the attack (so the check is not vacuous) and nothing of it is live. */
function expectInert(summary: string): void {
  expect(summary).toContain('octocat');
  expect(summary).toContain('evil.example');
  expect(inertnessProblems(summary, runPages), summary).toEqual([]);
}

describe('hostile text in job summaries', () => {
  it('record: reason, label, file names, metrics and metadata', async () => {
    const r = await run({
      track: 'conf',
      paths: 'conf/**',
      reason: `${ATTACK}\n\n| x | y |\n| - | - |`,
      metadata: JSON.stringify({ note: ATTACK }),
      metrics: JSON.stringify({ f1: 0.75, [ATTACK]: 0.5, text: ATTACK }),
    });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.outputs.version).toBe('2');
    expectInert(r.summary);
    // The run's own link is there, and live.
    expect(r.summary).toContain(`](${runPages}`);
  });

  it('diff: file names, keys and values', async () => {
    const r = await run({ command: 'diff', track: 'conf', from: '1', to: '2' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(JSON.parse(r.outputs['changed-count']!)).toBe(2);
    expectInert(r.summary);
  });

  it('status: labels, actors, reasons and metric names from the notes', async () => {
    const r = await run({ command: 'status', track: 'conf' });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expectInert(r.summary);
  });
});
