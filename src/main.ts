/**
 * The action's wiring: the one place that reads inputs and the runner's environment and writes
 * outputs, the job summary and annotations. Commands get everything as parameters.
 */
import type { Progress } from './progress.js';
import * as core from '@actions/core';
import { formatError, InputError, SnapbackError } from './errors.js';
import { NativeGit, type GitStep } from './git/native-git.js';
import type { Identity } from './git/git.js';
import { actionsIdentity, parsePerson } from './core/people.js';
import { record, type RecordStep, type RunContext } from './commands/record.js';
import {
  checkToken,
  parseBoolean,
  parseJsonObject,
  parseNetworkTimeout,
  parseNonNegativeInt,
  parseCommentMode,
  parsePushMode,
  resolveDiffTracks,
  resolveRegistryTracks,
  resolveTracks,
  type PolicyInputs,
  type PushMode,
} from './inputs.js';
import { prune, type PruneResult } from './commands/prune.js';
import { demote, promote } from './commands/promote.js';
import { status } from './commands/status.js';
import { renderAlias, renderPromotions, renderPrune } from './core/render-registry.js';
import { renderStatus } from './core/render-status.js';
import { escapeMarkdown, link } from './core/markdown.js';
import { assertAliasName } from './core/track-name.js';
import { DEFAULT_KEEP_LAST } from './inputs.js';
import type { Actor } from './core/notes-format.js';
import { lookAtRegistry, tracksIn } from './registry/registry.js';
import { rollback, rollbackBranch } from './commands/rollback.js';
import type { DiffResult } from './commands/diff.js';
import { renderRecordSummary } from './core/render-record.js';
import { resolveLabel } from './workspace/label-sources.js';
import { addSecret, redact } from './secrets.js';
import { diff } from './commands/diff.js';
import { renderDiff, COMMENT_LIMIT, sameComment, SUMMARY_LIMIT } from './core/render-diff.js';
import { markerFor, upsertStickyComment, type StickyResult } from './github/sticky-comment.js';
import { cappedJsonList } from './core/output-list.js';
import type { RepoRef } from './github/github-api.js';
import { cancelOnSignals } from './cancel.js';
import { networkLimits, type NetworkContext } from './net/limits.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COMMANDS = ['record', 'diff', 'prune', 'promote', 'demote', 'status', 'rollback'] as const;

function env(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
}

function runContext(serverUrl: string, repository: string): RunContext {
  const runId = env('GITHUB_RUN_ID');
  const attempt = Number(env('GITHUB_RUN_ATTEMPT') ?? '1') || 1;
  return {
    runId,
    runAttempt: attempt,
    runUrl: runId
      ? `${serverUrl}/${repository}/actions/runs/${runId}/attempts/${attempt}`
      : undefined,
    workflow: env('GITHUB_WORKFLOW'),
    job: env('GITHUB_JOB'),
    event: env('GITHUB_EVENT_NAME'),
    actor: env('GITHUB_ACTOR'),
  };
}

/**
 * Fault injection for the reliability suite: `SNAPBACK_TEST_KILL_AT=<step>` kills the process
 * (and its git children) with SIGKILL at that step, as a cancelled or crashed runner would.
 * `SNAPBACK_TEST_PAUSE_AT=<step>` with `SNAPBACK_TEST_PAUSE_GATE=<file>` stops at that step,
 * creates `<file>.paused` and waits (at most a minute) until the test deletes `<file>`, so a
 * test can change the work tree at an exact point of the run.
 */
function killSwitch(): ((step: RecordStep | GitStep) => void) | undefined {
  const at = env('SNAPBACK_TEST_KILL_AT');
  const pauseAt = env('SNAPBACK_TEST_PAUSE_AT');
  const gate = env('SNAPBACK_TEST_PAUSE_GATE');
  if (!at && !(pauseAt && gate)) return undefined;
  return (step) => {
    if (step === pauseAt && gate) pauseUntilGone(gate);
    if (step !== at) return;
    try {
      process.kill(-process.pid, 'SIGKILL'); // the whole group, git children included
    } catch {
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

function pauseUntilGone(gate: string): void {
  writeFileSync(`${gate}.paused`, String(process.pid));
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 600 && existsSync(gate); i++) Atomics.wait(tick, 0, 0, 100);
}

/** The runner masks the raw token in its logs; `redact` blanks every form of it in ours. */
function hide(token: string): void {
  if (!token) return;
  core.setSecret(token);
  addSecret(token);
}

/** What every command needs from the runner's environment. */
interface Runner {
  token: string;
  pushMode: PushMode;
  workspace: string;
  serverUrl: string;
  repository: string;
  context: RunContext;
  /** Author and committer of the commits this run writes. */
  identity: Identity;
  /** Time limits of every request, and the run's cancellation. */
  network: NetworkContext;
}

/** The webhook payload of the run (GITHUB_EVENT_PATH); {} when absent or unreadable. */
function eventPayload(): Record<string, unknown> {
  const path = env('GITHUB_EVENT_PATH');
  if (!path) return {};
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The actor's account id, from the payload's sender when it is the actor (for its noreply address). */
function actorId(actor: string | undefined): number | undefined {
  const sender = eventPayload().sender as { login?: unknown; id?: unknown } | undefined;
  if (!actor || sender?.login !== actor || typeof sender.id !== 'number') return undefined;
  return sender.id;
}

function runner(cancel: AbortSignal): Runner {
  const token = core.getInput('token');
  hide(token);
  checkToken(token, 'token');
  const timeout = parseNetworkTimeout(core.getInput('network-timeout'), 'network-timeout');
  const serverUrl = (env('GITHUB_SERVER_URL') ?? 'https://github.com').replace(/\/+$/, '');
  const repository = env('GITHUB_REPOSITORY');
  if (!repository) {
    throw new SnapbackError(
      'invalid-input',
      'GITHUB_REPOSITORY is not set.',
      'Run snapback as a step of a GitHub Actions job, or use the snapback CLI locally.',
    );
  }
  const pushMode = parsePushMode(core.getInput('push-mode'));
  const committerInput = core.getInput('committer').trim();
  const committer = committerInput ? parsePerson(committerInput, 'committer') : undefined;
  const context = runContext(serverUrl, repository);
  return {
    token,
    pushMode,
    workspace: env('GITHUB_WORKSPACE') ?? process.cwd(),
    serverUrl,
    repository,
    context,
    identity: actionsIdentity(context.actor, actorId(context.actor), committer),
    network: { limits: networkLimits(timeout), cancel },
  };
}

function openGit(r: Runner): Promise<NativeGit> {
  const checkpoint = killSwitch();
  return NativeGit.open(
    r.workspace,
    {
      url: `${r.serverUrl}/${r.repository}.git`,
      token: r.token || undefined,
      pushMode: r.pushMode,
      log: (m) => core.info(m),
      network: r.network,
    },
    { identity: r.identity, ...(checkpoint ? { checkpoint } : {}) },
  );
}

function policyInputs(): PolicyInputs {
  return {
    keepLast: core.getInput('keep-last'),
    keepDays: core.getInput('keep-days'),
    alias: core.getInput('alias'),
    promoteMetric: core.getInput('promote-metric'),
    promoteHigh: core.getInput('promote-high'),
    promoteMinImprovement: core.getInput('promote-min-improvement'),
    promoteDirection: core.getInput('promote-direction'),
    driftWarnVersions: core.getInput('drift-warn-versions'),
    driftWarnAge: core.getInput('drift-warn-age'),
  };
}

function trackInputs() {
  return {
    track: core.getInput('track'),
    paths: core.getInput('paths'),
    config: core.getInput('config'),
    maxFileSize: core.getInput('max-file-size'),
    metrics: core.getInput('metrics'),
    includeWorkflows: core.getInput('include-workflows'),
    policies: policyInputs(),
  };
}

function actor(r: Runner, reason: string | undefined): Actor {
  return { actor: r.context.actor, runUrl: r.context.runUrl, reason };
}

/** `pruned`: a list of numbers for one track, an object of lists by track for several. */
function setPrunedOutput(result: PruneResult, tracks: number): void {
  core.setOutput(
    'pruned',
    JSON.stringify(
      tracks === 1 && result.tracks.length <= 1
        ? (result.tracks[0]?.pruned ?? [])
        : Object.fromEntries(result.tracks.map((t) => [t.track, t.pruned])),
    ),
  );
}

async function recordStep(r: Runner): Promise<void> {
  // Validate every input before the first git command, so a mistake changes nothing.
  const tracks = await resolveTracks(trackInputs(), r.workspace);
  const metadataText = core.getInput('metadata').trim();
  const metadata = metadataText ? parseJsonObject(metadataText, 'metadata') : undefined;
  const expectedVersion = parseNonNegativeInt(
    core.getInput('expected-version'),
    'expected-version',
  );
  const dryRun = parseBoolean(core.getInput('dry-run'), 'dry-run');
  const reason = core.getInput('reason').trim() || undefined;

  const git = await openGit(r);
  const result = await record(
    {
      git,
      resolveLabel: (source) => resolveLabel(git, source),
      log: (m) => core.info(m),
      progress: ACTION_PROGRESS,
      checkpoint: killSwitch(),
    },
    { tracks, reason, metadata, expectedVersion, dryRun, context: r.context },
  );

  const first = result.tracks[0]!;
  core.setOutput('recorded', String(result.tracks.some((t) => t.status === 'recorded')));
  core.setOutput(
    'versions',
    JSON.stringify(Object.fromEntries(result.tracks.map((t) => [t.track, t.version]))),
  );
  core.setOutput(
    'results',
    JSON.stringify(
      result.tracks.map((t) => ({
        track: t.track,
        status: t.status,
        version: t.version,
        'previous-version': t.previousVersion,
        ref: t.ref,
        commit: t.commit,
        label: t.label,
        files: t.files,
        bytes: t.bytes,
      })),
    ),
  );
  if (result.tracks.length === 1) {
    core.setOutput('version', String(first.version));
    core.setOutput('ref', first.ref);
    core.setOutput('commit', first.commit ?? '');
    core.setOutput(
      'previous-version',
      first.previousVersion === null ? '' : String(first.previousVersion),
    );
    core.setOutput('label', first.label);
  }
  for (const t of result.tracks) {
    if (t.status === 'recorded') {
      core.notice(
        `Recorded ${t.track} v${t.version} (${t.label}): ${t.files} files, ref ${t.ref}`,
        { title: 'snapback' },
      );
    } else if (t.status === 'unchanged') {
      core.info(`${t.track}: unchanged since v${t.version}; nothing recorded.`);
    } else {
      core.info(`${t.track}: dry run, would record v${t.version}.`);
    }
  }
  const promotions = result.tracks.filter((t) => t.promotion);
  core.setOutput('promoted', String(promotions.some((t) => t.promotion!.promoted)));
  core.setOutput(
    'promotion-reason',
    promotions.length === 1 && result.tracks.length === 1
      ? promotions[0]!.promotion!.reason
      : promotions.map((t) => `${t.track}: ${t.promotion!.reason}`).join('\n'),
  );
  for (const t of promotions) {
    const p = t.promotion!;
    const verb = dryRun ? 'would be promoted' : 'promoted';
    if (p.promoted)
      core.notice(`${t.track} v${t.version} ${verb} to '${p.alias}': ${p.reason}`, {
        title: 'snapback',
      });
    else core.info(`${t.track} v${t.version} not promoted to '${p.alias}': ${p.reason}`);
  }
  let summary =
    renderRecordSummary(result, { runUrl: r.context.runUrl, reason }) +
    renderPromotions(result.tracks, dryRun);

  // Retention after recording, for the tracks that configure it (a separate update: a failed
  // prune must not undo a recorded version).
  const retained = tracks.filter((t) => t.retention);
  if (retained.length > 0) {
    const pruned = await prune(
      { git, log: (m) => core.info(m), progress: ACTION_PROGRESS },
      {
        tracks: retained.map((t) => ({ name: t.name, policy: t.retention! })),
        dryRun,
        by: actor(r, `retention after recording`),
      },
    );
    setPrunedOutput(pruned, tracks.length);
    summary += renderPrune(pruned);
  } else {
    core.setOutput('pruned', JSON.stringify(tracks.length === 1 ? [] : {}));
  }
  await core.summary.addRaw(summary).write();
}

function registryNames(names: string[] | undefined, command: string): string[] | undefined {
  if (names && names.length === 0) {
    throw new InputError('track', `no track to ${command}.`);
  }
  return names;
}

async function pruneStep(r: Runner): Promise<void> {
  const raw = trackInputs();
  const named = await resolveRegistryTracks(raw, r.workspace);
  const dryRun = parseBoolean(core.getInput('dry-run'), 'dry-run');
  const reason = core.getInput('reason').trim() || undefined;
  const git = await openGit(r);
  let names = registryNames(named.names, 'prune');
  if (!names) {
    names = tracksIn((await lookAtRegistry(git)).refs);
  }
  const result = await prune(
    { git, log: (m) => core.info(m), progress: ACTION_PROGRESS },
    {
      tracks: names.map((name) => ({
        name,
        policy: named.policies(name).retention ?? { keepLast: DEFAULT_KEEP_LAST },
      })),
      dryRun,
      by: actor(r, reason),
    },
  );
  setPrunedOutput(result, names.length);
  core.setOutput(
    'results',
    JSON.stringify(
      result.tracks.map((t) => ({
        track: t.track,
        pruned: t.pruned,
        kept: t.kept.map((k) => k.n),
      })),
    ),
  );
  for (const t of result.tracks) {
    core.info(
      `${t.track}: ${dryRun ? 'would prune' : 'pruned'} ${t.pruned.length ? t.pruned.map((n) => `v${n}`).join(', ') : 'nothing'}; kept ${t.kept.length}.`,
    );
  }
  await core.summary.addRaw(renderPrune(result)).write();
}

async function aliasStep(r: Runner, command: 'promote' | 'demote'): Promise<void> {
  const named = await resolveRegistryTracks(trackInputs(), r.workspace);
  const names = registryNames(named.names, command);
  if (!names || names.length !== 1) {
    throw new InputError(
      'track',
      `${command} works on one track${names ? `, and the config file declares ${names.length}` : ''}.`,
      'Name the track with the track input.',
    );
  }
  const alias = assertAliasName(core.getInput('alias').trim() || 'active');
  const dryRun = parseBoolean(core.getInput('dry-run'), 'dry-run');
  const reason = core.getInput('reason').trim() || undefined;
  const version = core.getInput('version').trim();
  const git = await openGit(r);
  const deps = { git, log: (m: string) => core.info(m), progress: ACTION_PROGRESS };
  const by = actor(r, reason);
  const result =
    command === 'promote'
      ? await promote(deps, { track: names[0]!, version, alias, dryRun, by })
      : await demote(deps, { track: names[0]!, alias, dryRun, by });
  core.setOutput('promoted', String(result.operation === 'promoted'));
  core.setOutput('version', result.version === null ? '' : String(result.version));
  core.setOutput(
    'previous-version',
    result.previousVersion === null ? '' : String(result.previousVersion),
  );
  core.setOutput('commit', result.commit ?? '');
  core.setOutput(
    'promotion-reason',
    result.operation === 'promoted' ? (reason ?? `promoted by ${r.context.actor ?? 'hand'}`) : '',
  );
  const line = renderAlias(result, reason).split('\n')[2] ?? '';
  if (result.operation === 'promoted' || result.operation === 'demoted') {
    core.notice(line.replace(/\*\*/g, ''), { title: 'snapback' });
  } else {
    core.info(line);
  }
  await core.summary.addRaw(renderAlias(result, reason)).write();
}

async function statusStep(r: Runner): Promise<void> {
  const named = await resolveRegistryTracks(trackInputs(), r.workspace);
  const git = await openGit(r);
  const result = await status(
    { git },
    { tracks: named.names, thresholds: (t) => named.policies(t).drift },
  );
  const file = join(
    env('RUNNER_TEMP') ?? tmpdir(),
    `snapback-status-${process.pid}-${Date.now()}.json`,
  );
  await writeFile(file, JSON.stringify(result, null, 2));
  core.setOutput('status-file', file);
  for (const t of result.tracks) {
    for (const a of t.aliases) {
      if (a.warnings.length === 0) continue;
      core.warning(
        `'${a.alias}' of ${t.track} is on v${a.version}, latest is v${a.latest}: ${a.warnings.join('; ')}.`,
        { title: 'snapback: alias drift' },
      );
    }
    core.info(
      `${t.track}: ${t.versions.length} versions (latest ${t.latest === null ? 'none' : `v${t.latest}`}); aliases: ${t.aliases.map((a) => `${a.alias} → v${a.version}`).join(', ') || 'none'}.`,
    );
  }
  await core.summary
    .addRaw(renderStatus(result, `${r.serverUrl}/${r.repository}/actions/runs/`))
    .write();
}

/** The pull request this run is for, from the event payload; undefined on other events. */
function pullRequestEvent():
  { number: number; headSha: string | undefined; baseRef: string | undefined } | undefined {
  const name = env('GITHUB_EVENT_NAME');
  if (name !== 'pull_request' && name !== 'pull_request_target') return undefined;
  const pr = eventPayload().pull_request as
    { number?: unknown; head?: { sha?: unknown }; base?: { ref?: unknown } } | undefined;
  const n = pr?.number;
  if (typeof n !== 'number') return undefined;
  const sha = pr?.head?.sha;
  const ref = pr?.base?.ref;
  return {
    number: n,
    headSha: typeof sha === 'string' && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined,
    baseRef: typeof ref === 'string' ? ref : undefined,
  };
}

async function diffStep(r: Runner): Promise<void> {
  const tracks = await resolveDiffTracks(trackInputs(), r.workspace);
  const commentMode = parseCommentMode(core.getInput('comment'));
  const event = pullRequestEvent();
  const pr = event?.number;
  const git = await openGit(r);
  const result = await diff(
    { git, log: (m) => core.info(m), progress: ACTION_PROGRESS },
    {
      tracks,
      from: core.getInput('from').trim(),
      to: core.getInput('to').trim(),
      pullRequest: pr !== undefined,
    },
  );

  await setDiffOutputs(result);

  const heading =
    pr !== undefined ? `how pull request #${pr} changes the tracked files` : 'changes';
  await core.summary.addRaw(renderDiff(result, { budget: SUMMARY_LIMIT, heading })).write();
  for (const t of result.tracks) {
    core.info(
      `${t.track}: ${t.files.length} files differ between ${t.from.describe} and ${t.to.describe}.`,
    );
  }

  if (pr === undefined || event === undefined) return;
  if (commentMode === 'off') {
    core.info(`Pull request comment: off (input 'comment').`);
    setCommentOutputs(null, 'skipped');
    return;
  }
  const body = renderDiff(result, {
    budget: COMMENT_LIMIT,
    heading,
    marker: markerFor(
      'diff',
      result.tracks.map((t) => t.track),
    ),
    fullReportUrl: r.context.runUrl,
    pullRequest: {
      ...event,
      at: new Date().toISOString(),
      runUrl: r.context.runUrl,
      customSides: core.getInput('from').trim() !== '' || core.getInput('to').trim() !== '',
    },
  });
  // Loaded only here: the GitHub client is most of the bundle, and `record` never needs it.
  const { commentsApi, octokitFor, PermissionError } = await import('./github/github-api.js');
  try {
    const api = commentsApi(octokitFor(r.token, restOptions(r)), repoRef(r.repository));
    const sticky = await upsertStickyComment(
      api,
      pr,
      markerFor(
        'diff',
        result.tracks.map((t) => t.track),
      ),
      body,
      {
        mode: commentMode,
        hasChanges: result.tracks.some((t) => t.files.length > 0),
        same: sameComment,
      },
    );
    setCommentOutputs(sticky.id, sticky.operation);
    core.info(
      `Pull request comment${sticky.id === null ? '' : ` ${sticky.id}`}: ${sticky.operation} (comment: ${commentMode}).`,
    );
  } catch (e) {
    if (!(e instanceof PermissionError)) throw e;
    // Fork PRs get a read-only token: the summary has the diff; the job must not fail for it.
    core.warning(`${e.message} The diff is in the job summary instead. ${e.hint ?? ''}`.trim(), {
      title: 'snapback: no pull request comment',
    });
    setCommentOutputs(null, 'skipped');
  }
}

function setCommentOutputs(id: number | null, operation: StickyResult['operation']): void {
  core.setOutput('comment-id', id === null ? '' : String(id));
  core.setOutput('comment-operation', operation);
}

/**
 * How the REST client reports, and the run's network limits (`network-timeout`) for its
 * requests. Rate-limit waits have their own budget (DEFAULT_WAIT_BUDGET_SECONDS in
 * github-api.ts).
 */
function restOptions(r: Runner): { log: (message: string) => void; network: NetworkContext } {
  return { log: (m) => core.info(m), network: r.network };
}

/** The diff outputs: lists of paths by kind, counts, and the whole diff as a JSON file. */
async function setDiffOutputs(result: DiffResult): Promise<void> {
  const files = result.tracks.flatMap((t) => t.files);
  const cut: string[] = [];
  const list = (name: string, items: readonly unknown[]): string => {
    const capped = cappedJsonList(items);
    if (capped.shown < capped.total) cut.push(`${name} (${capped.shown} of ${capped.total})`);
    return capped.json;
  };
  const paths = (kinds: string[]) =>
    files.filter((f) => kinds.includes(f.status)).map((f) => f.path);
  core.setOutput('added', list('added', paths(['A'])));
  core.setOutput('modified', list('modified', paths(['M', 'T'])));
  core.setOutput(
    'deleted',
    list(
      'deleted',
      files.filter((f) => f.status === 'D').map((f) => f.oldPath),
    ),
  );
  core.setOutput(
    'renamed',
    list(
      'renamed',
      files
        .filter((f) => f.status === 'R')
        .map((f) => ({ from: f.oldPath, to: f.path, similarity: f.similarity })),
    ),
  );
  core.setOutput('lists-truncated', String(cut.length > 0));
  core.setOutput('changed-count', String(files.length));
  core.setOutput('has-changes', String(files.length > 0));
  const changesFile = join(
    env('RUNNER_TEMP') ?? tmpdir(),
    `snapback-diff-${process.pid}-${Date.now()}.json`,
  );
  await writeFile(changesFile, JSON.stringify(result, null, 2));
  core.setOutput('changes-file', changesFile);
  if (cut.length > 0) {
    core.warning(
      `The list outputs hold the first entries only: ${cut.join(', ')}; GitHub caps each step output at 1 MB. Every change is in the file named by the changes-file output.`,
      { title: 'snapback: lists truncated' },
    );
  }
}

function listInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((x) => x.trim().replace(/^@/, ''))
    .filter(Boolean);
}

async function rollbackStep(r: Runner): Promise<void> {
  const raw = trackInputs();
  const tracks = await resolveDiffTracks(raw, r.workspace);
  const named = (raw.track.trim() || 'default') !== 'default';
  if (tracks.length !== 1 && !named) {
    throw new InputError(
      'track',
      `rollback works on one track, and the config file declares ${tracks.length}.`,
      'Name the track to roll back with the track input.',
    );
  }
  const track = tracks[0]!;
  const dryRun = parseBoolean(core.getInput('dry-run'), 'dry-run');
  const draft = parseBoolean(core.getInput('draft'), 'draft');
  const reason = core.getInput('reason').trim() || undefined;
  const lists = {
    labels: listInput('labels'),
    assignees: listInput('assignees'),
    reviewers: listInput('reviewers'),
  };
  for (const [input, values] of Object.entries(lists)) {
    for (const v of values) {
      if (!/^[^\u0000-\u001f,]{1,100}$/.test(v)) {
        throw new InputError(
          input,
          `'${v.slice(0, 40)}' is not a valid entry.`,
          'Give names separated by commas or new lines.',
        );
      }
    }
  }
  const prToken = core.getInput('pr-token');
  hide(prToken);
  checkToken(prToken, 'pr-token');
  const git = await openGit(r);
  const { pullsApi, octokitFor } = await import('./github/github-api.js');
  const result = await rollback(
    {
      git,
      pulls: () => pullsApi(octokitFor(prToken || r.token, restOptions(r)), repoRef(r.repository)),
      log: (m) => core.info(m),
      // GitHub's refusals of labels or reviewers are relayed in its own words: redacted.
      warn: (m) => core.warning(redact(m), { title: 'snapback: rollback' }),
    },
    {
      track: track.name,
      patterns: track.patterns,
      includeWorkflows:
        track.patterns?.workflows ?? parseBoolean(raw.includeWorkflows, 'include-workflows'),
      version: core.getInput('version').trim(),
      base: core.getInput('base').trim(),
      dryRun,
      by: actor(r, reason),
      ...lists,
      draft,
      bodyLimit: COMMENT_LIMIT,
    },
  );
  await setDiffOutputs(result.diff);
  core.setOutput('branch', rollbackBranch(track.name));
  core.setOutput('pull-request-operation', result.operation);
  core.setOutput('pull-request-number', result.pull ? String(result.pull.number) : '');
  core.setOutput('pull-request-url', result.pull?.url ?? '');
  core.setOutput('version', String(result.target.version));
  core.setOutput('commit', result.commit ?? '');
  const target = `${track.name} v${result.target.version}`;
  const line = dryRun
    ? `Dry run: rolling back to ${target} would change ${result.diff.tracks[0]!.files.length} files on ${result.base}; nothing pushed.`
    : result.alreadyThere
      ? `${result.base} already holds ${target}'s files${result.operation === 'closed' ? `; closed pull request #${result.pull!.number}` : ''}.`
      : `Rollback to ${target}: pull request #${result.pull!.number} ${result.operation} (${result.pull!.url}).`;
  // The line is escaped whole (the base and the track come from outside), which unlinks the
  // URL in it: the pull request gets a link of its own.
  const pullLink = result.pull
    ? `\n\n${link(`Pull request #${result.pull.number}`, result.pull.url)}`
    : '';
  if (!dryRun && result.operation !== 'none' && result.operation !== 'unchanged')
    core.notice(line, { title: 'snapback' });
  else core.info(line);
  await core.summary
    .addRaw(`## Snapback: rollback\n\n${escapeMarkdown(line)}${pullLink}\n\n`)
    .addRaw(
      renderDiff(result.diff, {
        budget: SUMMARY_LIMIT - 2_000,
        heading: `what rolling back changes in ${escapeMarkdown(result.base)}`,
      }),
    )
    .write();
}

function repoRef(repository: string): RepoRef {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}

/** Phases as collapsible log groups; decisions as debug lines (shown with step debugging). */
const ACTION_PROGRESS: Progress = {
  debug: (m) => core.debug(redact(m)),
  phase: (title, work) => core.group(title, work),
};

const STEPS: Record<(typeof COMMANDS)[number], (r: Runner) => Promise<void>> = {
  record: recordStep,
  diff: diffStep,
  prune: pruneStep,
  promote: (r) => aliasStep(r, 'promote'),
  demote: (r) => aliasStep(r, 'demote'),
  status: statusStep,
  rollback: rollbackStep,
};

export async function run(): Promise<void> {
  const cancel = cancelOnSignals((error) => {
    core.setFailed(`${formatError(error)}\nThe run did not wind down in time and was stopped.`);
    process.exit(1);
  });
  try {
    const command = core.getInput('command').trim() || 'record';
    if (!(COMMANDS as readonly string[]).includes(command)) {
      throw new InputError(
        'command',
        `'${command}' is not a command.`,
        `Valid commands: ${COMMANDS.join(', ')}.`,
      );
    }
    const r = runner(cancel.signal);
    core.debug(
      `snapback ${command}: server ${r.serverUrl}, repository ${r.repository}, event ${env('GITHUB_EVENT_NAME') ?? 'none'}, push mode ${r.pushMode}.`,
    );
    const step = STEPS[command as (typeof COMMANDS)[number]];
    // record folds each of its phases into a group of its own; the others are one group each
    // (the runner cannot nest groups).
    await (command === 'record' ? step(r) : core.group(`snapback ${command}`, () => step(r)));
    // Cancelled after the last network step: the work is done, but the job was stopped.
    if (cancel.signal.aborted) throw cancel.signal.reason;
  } catch (error) {
    core.setFailed(redact(formatError(cancel.signal.aborted ? cancel.signal.reason : error)));
  } finally {
    cancel.dispose();
  }
}
