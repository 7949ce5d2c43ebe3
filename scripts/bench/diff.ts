// The diff measurements: our file-level diff of two versions against `git diff --name-status -M`
// on the same checkout, the whole `diff` command through the bundled action, and rendering the
// pull request comment for 10,000 changed files.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NativeGit } from '../../src/git/native-git.js';
import type { DiffResult, FileDiff } from '../../src/commands/diff.js';
import { COMMENT_LIMIT, renderDiff } from '../../src/report/render-diff.js';
import { gitEnv, runAction } from '../../test/harness/index.js';
import type { Target } from './record.js';
import { median } from './format.js';

const run = promisify(execFile);
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

export interface DiffResults {
  engine: DiffComparison;
  command: { ms: number; changed: number };
  render: { ms: number; length: number };
}

export interface DiffComparison {
  oursMs: number;
  nativeMs: number;
  changed: number;
  renames: number;
}

/** Same two commits, same machine, alternating sides; both must list the same changes. */
export async function compareDiff(
  workspace: string,
  from: string,
  to: string,
  rounds = 9,
): Promise<DiffComparison> {
  const ng = await NativeGit.open(workspace, { url: 'http://127.0.0.1:9/unused.git' });
  // What the diff command does once both versions are here: one `git diff --raw -M`, then the
  // blob sizes from the cat-file process the repository keeps open since it was opened.
  const ours = () => ng.diffTrees(from, to, { renames: true });
  const native = async () =>
    (
      await run('git', ['diff', '--name-status', '-M', '-z', from, to], {
        cwd: workspace,
        env: gitEnv(),
        maxBuffer: 1 << 28,
      })
    ).stdout;

  const changes = await ours();
  const theirs = (await native()).split('\0').filter((f) => /^[AMDTR]\d*$/.test(f));
  if (changes.length !== theirs.length) {
    throw new Error(`diff disagrees with git: ${changes.length} changes vs git's ${theirs.length}`);
  }
  const oursMs: number[] = [];
  const nativeMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? ['ours', 'native'] : ['native', 'ours']) {
      const t = performance.now();
      if (side === 'ours') await ours();
      else await native();
      (side === 'ours' ? oursMs : nativeMs).push(performance.now() - t);
    }
  }
  return {
    oursMs: median(oursMs),
    nativeMs: median(nativeMs),
    changed: changes.length,
    renames: changes.filter((c) => c.status === 'R').length,
  };
}

/** The `diff` command as a user runs it: the bundled action, spawn to exit. */
export async function diffCommand(
  target: Target,
  workspace: string,
  script: string,
  from: number,
  to: number,
  rounds = 5,
): Promise<{ ms: number; changed: number }> {
  const times: number[] = [];
  let changed = 0;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const r = await runAction({
      workspace,
      server: target.server,
      repo: target.repo,
      token: target.token,
      inputs: { command: 'diff', track: 'bench', from: String(from), to: String(to) },
      script,
      actionYml: join(PROJECT, 'action.yml'),
    });
    times.push(performance.now() - t);
    if (r.code !== 0) throw new Error(`diff command failed: ${r.stdout}${r.stderr}`);
    changed = Number(r.outputs['changed-count']);
  }
  return { ms: median(times), changed };
}

/** 10,000 changed config files, each with a key change: the comment must fold and truncate. */
export function renderComment(files = 10_000, rounds = 7): { ms: number; length: number } {
  const list: FileDiff[] = Array.from({ length: files }, (_, i) => ({
    status: i % 10 === 0 ? 'A' : 'M',
    path: `services/service-${i % 97}/config-${i}.json`,
    oldPath: `services/service-${i % 97}/config-${i}.json`,
    oldMode: '100644',
    newMode: '100644',
    oldOid: i % 10 === 0 ? null : 'a'.repeat(40),
    newOid: 'b'.repeat(40),
    oldSize: 900 + i,
    newSize: 910 + i,
    content: {
      kind: 'structured',
      format: 'json',
      keys: [
        { path: `limits.requests[${i % 5}]`, kind: 'changed', before: i, after: i + 1 },
        { path: 'llm.model', kind: 'changed', before: 'small', after: 'large' },
      ],
    },
  }));
  const result: DiffResult = {
    tracks: [
      {
        track: 'config',
        from: { describe: 'v3 (active)', version: 3, commit: 'c'.repeat(40) },
        to: { describe: 'work tree', version: null, commit: null },
        files: list,
        contentSkipped: 0,
      },
    ],
  };
  const times: number[] = [];
  let length = 0;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    const text = renderDiff(result, {
      budget: COMMENT_LIMIT,
      marker: '<!-- snapback:diff tracks=config -->',
      fullReportUrl: 'https://github.com/o/r/actions/runs/1/attempts/1',
    });
    times.push(performance.now() - t);
    length = text.length;
  }
  return { ms: median(times), length };
}
