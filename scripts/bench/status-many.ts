// status over many tracks: 50 tracks × 200 versions in one registry, through the action and
// the CLI, timed runs and one probed run each.
import { join } from 'node:path';
import { checkout, git, type GitServer } from '../../test/harness/index.js';
import { buildHistory, restoreHistory } from './history-build.js';
import { probes, runActionTimed, runCliTimed, type Entries } from './runs.js';
import type { StatusManyResult } from './scale-report.js';

export const MANY_TRACKS = 50;
export const MANY_VERSIONS = 200;

export async function statusManyPhase(
  server: GitServer,
  entries: Entries,
  scratch: string,
  reps: number,
  timeoutMs: number,
  progress: (m: string) => void,
): Promise<StatusManyResult> {
  const repo = 'bench/many-tracks';
  const tracks = Array.from({ length: MANY_TRACKS }, (_, i) => `t${String(i).padStart(2, '0')}`);
  progress(`status: building ${MANY_TRACKS} tracks × ${MANY_VERSIONS} versions`);
  const h = await buildHistory(server, repo, { tracks, versions: MANY_VERSIONS }, scratch);
  progress(`  built in ${(h.buildMs / 1000).toFixed(1)} s (${h.refs.size} refs, ${h.notes} notes)`);
  const p = probes(join(scratch, 'status-probes'), entries);
  const result: StatusManyResult = {
    tracks: MANY_TRACKS,
    versions: MANY_VERSIONS,
    buildMs: h.buildMs,
    action: { ms: [], nodeKb: [], timedOut: false },
    cli: { ms: [], nodeKb: [], timedOut: false },
    memory: {},
  };
  const fresh = async () => {
    await restoreHistory(server, h);
    return checkout(server, repo, { token: server.token! });
  };
  const action = async (probe: boolean) =>
    runActionTimed(entries, {
      server,
      repo,
      workspace: await fresh(),
      inputs: { command: 'status' },
      timeoutMs,
      probe: probe ? p.action : undefined,
    });
  const cli = async (probe: boolean) => {
    const ws = await fresh();
    const url = new URL(server.repoUrl(repo));
    url.username = 'x-access-token';
    url.password = server.token!;
    await git(ws, ['remote', 'set-url', 'origin', url.href]);
    // A developer's clone: no Authorization header left by a workflow's checkout.
    await git(ws, ['config', '--local', '--remove-section', `http.${server.url}/`]);
    return runCliTimed(entries, {
      workspace: ws,
      args: ['status'],
      timeoutMs,
      probe: probe ? p.cli : undefined,
    });
  };
  for (let i = 0; i < reps; i++) {
    const a = await action(false);
    result.action.ms.push(a.ms);
    result.action.nodeKb.push(a.nodeKb);
    result.action.timedOut ||= a.timedOut;
    const c = await cli(false);
    result.cli.ms.push(c.ms);
    result.cli.nodeKb.push(c.nodeKb);
    result.cli.timedOut ||= c.timedOut;
    progress(
      `  status run ${i + 1}/${reps}: action ${(a.ms / 1000).toFixed(2)} s, CLI ${(c.ms / 1000).toFixed(2)} s`,
    );
  }
  const a = await action(true);
  const c = await cli(true);
  result.memory = {
    action: { nodeKb: a.nodeKb, git: a.git, timedOut: a.timedOut },
    cli: { nodeKb: c.nodeKb, git: c.git, timedOut: c.timedOut },
  };
  progress(
    `  memory: action node ${(a.nodeKb / 1024).toFixed(0)} MiB, CLI node ${(c.nodeKb / 1024).toFixed(0)} MiB`,
  );
  return result;
}
