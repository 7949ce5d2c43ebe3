// Pruning 1,000 versions from a registry of 5,000: our prune command against `git push --atomic`
// deleting the same refs. The registry is synthetic but shaped like ours (snapshot commits with
// trailers on a source commit, a notes index with one `recorded` line per version), built with
// fast-import and pushed once; between rounds the deleted refs and the notes tip are put back
// straight in the bare repository, so every round starts from the same state.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  checkout,
  git,
  gitEnv,
  runAction,
  type GitServer,
  type RequestLogEntry,
} from '../../test/harness/index.js';
import { authArgs } from './synthetic.js';

const run = promisify(execFile);

export const PRUNE_REPO = 'bench/prune';
export const PRUNE_TRACK = 'pruned';
export const PRUNE_TOTAL = 5_000;
export const PRUNE_COUNT = 1_000;

export interface PruneBench {
  ours: { ms: number; postMs: number; receivePackPosts: number; bytesSent: number };
  native: { ms: number; postMs: number; requests: number; bytesReceived: number };
  refsOnServer: number;
  rounds: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** 5,000 snapshot commits and their notes, in one fast-import stream. */
function registryStream(total: number): string {
  const when = 1_704_067_200;
  const out: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  out.push(
    'commit refs/heads/main\n',
    `committer Bench <bench@example.invalid> ${when} +0000\n`,
    data('source'),
    'M 100644 inline model/head.json\n',
    data('{"w":0}'),
  );
  for (let n = 1; n <= total; n++) {
    const message = `snapback: ${PRUNE_TRACK} v${n}\n\ntrack: ${PRUNE_TRACK}\nversion: ${n}\nsource-commit: 0000000000000000000000000000000000000000\nlabel: dev\nfiles: 1\nsize: 12\n`;
    out.push(
      `commit refs/versions/${PRUNE_TRACK}/${n}\n`,
      `mark :${n + 1}\n`,
      `committer snapback <snapback@users.noreply.github.com> ${when + n} +0000\n`,
      data(message),
      'from refs/heads/main\n',
      'M 100644 inline model/head.json\n',
      data(JSON.stringify({ w: n })),
    );
  }
  out.push(
    'commit refs/notes/versions\n',
    `committer snapback <snapback@users.noreply.github.com> ${when + total + 1} +0000\n`,
    data('notes'),
  );
  for (let n = 1; n <= total; n++) {
    const at = new Date((when + n) * 1000).toISOString();
    out.push(
      `N inline :${n + 1}\n`,
      data(
        `${JSON.stringify({ schema: 1, event: 'recorded', track: PRUNE_TRACK, version: n, at, label: 'dev', files: 1, bytes: 12 })}\n`,
      ),
    );
  }
  out.push('done\n');
  return out.join('');
}

async function snapshotRefs(server: GitServer): Promise<Map<string, string>> {
  return server.refs(PRUNE_REPO);
}

/** Puts the deleted version refs and the notes tip back, straight in the bare repository. */
async function restore(server: GitServer, original: Map<string, string>): Promise<void> {
  const now = await snapshotRefs(server);
  const lines: string[] = [];
  for (const [ref, oid] of original) if (now.get(ref) !== oid) lines.push(`update ${ref} ${oid}\n`);
  for (const ref of now.keys()) if (!original.has(ref)) lines.push(`delete ${ref}\n`);
  if (lines.length > 0) {
    await git(server.repoPath(PRUNE_REPO), ['update-ref', '--stdin'], { input: lines.join('') });
  }
  await git(server.repoPath(PRUNE_REPO), ['pack-refs', '--all', '--prune']);
}

function posts(log: RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.service === 'receive-pack');
}

export async function benchPrune(
  server: GitServer,
  entry: string,
  scratch: string,
  rounds: number,
  progress: (m: string) => void,
): Promise<PruneBench> {
  const token = server.token!;
  // The registry, built locally and pushed once.
  await git(scratch, ['init', '-q', '-b', 'main']);
  await git(scratch, ['fast-import', '--quiet', '--done'], { input: registryStream(PRUNE_TOTAL) });
  await server.createBareRepo(PRUNE_REPO);
  await git(scratch, [
    ...authArgs(server),
    'push',
    '-q',
    server.repoUrl(PRUNE_REPO),
    'refs/heads/main:refs/heads/main',
    'refs/versions/*:refs/versions/*',
    'refs/notes/versions:refs/notes/versions',
  ]);
  await git(server.repoPath(PRUNE_REPO), ['pack-refs', '--all', '--prune']);
  const original = await snapshotRefs(server);
  const workspace = await checkout(server, PRUNE_REPO, { token });
  const doomed = Array.from(
    { length: PRUNE_COUNT },
    (_, i) => `refs/versions/${PRUNE_TRACK}/${i + 1}`,
  );

  const ours = async () => {
    server.resetLog();
    const t = performance.now();
    const r = await runAction({
      workspace,
      server,
      repo: PRUNE_REPO,
      token,
      script: entry,
      inputs: {
        command: 'prune',
        track: PRUNE_TRACK,
        'keep-last': String(PRUNE_TOTAL - PRUNE_COUNT),
      },
    });
    const ms = performance.now() - t;
    if (r.code !== 0) throw new Error(`prune failed: ${r.stderr}${r.stdout}`);
    const pruned = JSON.parse(r.outputs.pruned ?? '[]') as number[];
    if (pruned.length !== PRUNE_COUNT)
      throw new Error(`pruned ${pruned.length}, not ${PRUNE_COUNT}`);
    await server.idle();
    const p = posts(server.requests);
    return {
      ms,
      postMs: p.reduce((s, e) => s + e.durationMs, 0),
      posts: p.length,
      bytes: p.reduce((s, e) => s + e.bytesIn, 0),
    };
  };
  const native = async () => {
    server.resetLog();
    const t = performance.now();
    await run(
      'git',
      [
        ...authArgs(server),
        'push',
        '--atomic',
        '--quiet',
        server.repoUrl(PRUNE_REPO),
        ...doomed.map((ref) => `:${ref}`),
      ],
      { cwd: workspace, env: gitEnv(), maxBuffer: 1 << 26 },
    );
    const ms = performance.now() - t;
    await server.idle();
    const p = posts(server.requests);
    return {
      ms,
      postMs: p.reduce((s, e) => s + e.durationMs, 0),
      requests: server.requests.length,
      bytes: server.requests.reduce((s, e) => s + e.bytesOut, 0),
    };
  };

  const oursRuns: Awaited<ReturnType<typeof ours>>[] = [];
  const nativeRuns: Awaited<ReturnType<typeof native>>[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? ['ours', 'native'] : ['native', 'ours']) {
      await restore(server, original);
      if (side === 'ours') oursRuns.push(await ours());
      else nativeRuns.push(await native());
      const left = (await snapshotRefs(server)).size;
      if (left !== original.size - PRUNE_COUNT) {
        throw new Error(`${side} left ${left} refs, expected ${original.size - PRUNE_COUNT}`);
      }
    }
    progress(
      `  prune round ${i + 1}/${rounds}: ours ${oursRuns.at(-1)!.ms.toFixed(0)} ms (POST ${oursRuns.at(-1)!.postMs} ms), native ${nativeRuns.at(-1)!.ms.toFixed(0)} ms (POST ${nativeRuns.at(-1)!.postMs} ms)`,
    );
  }
  await restore(server, original);
  return {
    ours: {
      ms: median(oursRuns.map((r) => r.ms)),
      postMs: median(oursRuns.map((r) => r.postMs)),
      receivePackPosts: Math.max(...oursRuns.map((r) => r.posts)),
      bytesSent: median(oursRuns.map((r) => r.bytes)),
    },
    native: {
      ms: median(nativeRuns.map((r) => r.ms)),
      postMs: median(nativeRuns.map((r) => r.postMs)),
      requests: Math.max(...nativeRuns.map((r) => r.requests)),
      bytesReceived: median(nativeRuns.map((r) => r.bytes)),
    },
    refsOnServer: original.size,
    rounds,
  };
}
