/**
 * `status`: the state of every track at a glance — versions with their metadata and metrics,
 * aliases with their drift from the latest version, promotion history and pruned versions.
 * Read-only: one ref listing and the notes index (the snapshot commits are never fetched).
 */
import type { Git } from '../git/git.js';
import { trackPrefix, VERSIONS_PREFIX } from '../core/refs.js';
import type { NoteEvent } from '../core/notes-format.js';
import {
  driftErrors,
  driftLevel,
  driftOf,
  driftWarnings,
  type Drift,
  type DriftLevel,
  type DriftThresholds,
} from '../core/drift.js';
import { promotionHistory, type Tenure } from '../core/promotion-history.js';
import {
  aliasVersions,
  lookAtRegistry,
  readEvents,
  trackIndex,
  tracksIn,
} from '../registry/registry.js';

export interface StatusVersion {
  version: number;
  commit: string;
  label?: string | undefined;
  at?: string | undefined;
  actor?: string | undefined;
  reason?: string | undefined;
  runUrl?: string | undefined;
  files?: number | undefined;
  bytes?: number | undefined;
  /** Against the version before it, as recorded. */
  changes?: { added: number; modified: number; deleted: number } | undefined;
  metrics?: Record<string, unknown> | undefined;
  /** The free metadata recorded with the version. */
  metadata?: Record<string, unknown> | undefined;
  /** The commit the run was on when it recorded the version. */
  sourceCommit?: string | undefined;
  aliases: string[];
  rollbackOf?: number | undefined;
}

export interface StatusAlias extends Drift {
  warnings: string[];
  /** Failure thresholds passed (the status step fails); always set by status(). */
  errors?: string[] | undefined;
  /** The highest level passed; always set by status(). */
  level?: DriftLevel | undefined;
}

export interface TrackStatus {
  track: string;
  latest: number | null;
  /** Oldest first. */
  versions: StatusVersion[];
  aliases: StatusAlias[];
  /** Per alias, oldest tenure first. */
  history: Record<string, Tenure[]>;
  /** Versions removed by retention, with when. */
  pruned: { version: number; at: string }[];
}

export interface StatusResult {
  generatedAt: string;
  tracks: TrackStatus[];
}

export interface StatusOptions {
  /** Tracks to show; undefined: every track in the registry. */
  tracks?: string[] | undefined;
  /** Thresholds per track name (a missing entry: no warnings). */
  thresholds: (track: string) => DriftThresholds;
}

export interface StatusDeps {
  git: Git;
  now?: () => Date;
}

export async function status(deps: StatusDeps, opts: StatusOptions): Promise<StatusResult> {
  const now = (deps.now ?? (() => new Date()))();
  const view = await lookAtRegistry(
    deps.git,
    opts.tracks ? opts.tracks.map(trackPrefix) : [VERSIONS_PREFIX],
  );
  const names = opts.tracks ?? tracksIn(view.refs);
  // All notes at once: events of pruned versions matter too (history, pruned list).
  const byObject = await readEvents(deps.git, view.notes, 'all');
  const tracks = names.map((name) => trackStatus(name, view.refs, byObject, now, opts));
  return { generatedAt: now.toISOString(), tracks };
}

function trackStatus(
  name: string,
  refs: ReadonlyMap<string, string>,
  byObject: ReadonlyMap<string, NoteEvent[]>,
  now: Date,
  opts: StatusOptions,
): TrackStatus {
  const index = trackIndex(name, refs);
  const aliasOf = aliasVersions(index);
  const versions: StatusVersion[] = [...index.versions]
    .sort(([a], [b]) => a - b)
    .map(([n, commit]) => {
      const recorded = (byObject.get(commit) ?? []).find(
        (e) => e.event === 'recorded' && e.track === name && e.version === n,
      );
      return {
        version: n,
        commit,
        aliases: [...aliasOf].filter(([, v]) => v === n).map(([a]) => a),
        ...(recorded ? fromRecorded(recorded) : {}),
      };
    });
  const trackEvents = [...byObject.values()].flat().filter((e) => e.track === name);
  const history: Record<string, Tenure[]> = {};
  for (const tenure of promotionHistory(name, trackEvents)) {
    (history[tenure.alias] ??= []).push(tenure);
  }
  const thresholds = opts.thresholds(name);
  const aliases = [...aliasOf]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alias, n]) => {
      const d = driftOf(
        alias,
        n,
        versions.map((v) => ({ n: v.version, at: v.at })),
        now,
      );
      const warnings = driftWarnings(d, thresholds);
      const errors = driftErrors(d, thresholds);
      return { ...d, warnings, errors, level: driftLevel(warnings, errors) };
    });
  const pruned = trackEvents
    .filter((e) => e.event === 'pruned' && !index.versions.has(e.version))
    .map((e) => ({ version: e.version, at: e.at }))
    .sort((a, b) => a.version - b.version);
  const latest = versions.length > 0 ? versions[versions.length - 1]!.version : null;
  return { track: name, latest, versions, aliases, history, pruned };
}

function fromRecorded(e: NoteEvent): Partial<StatusVersion> {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const obj = (v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const changes = obj(e.changes);
  return {
    label: str(e.label),
    at: str(e.at),
    actor: str(e.actor),
    reason: str(e.reason),
    runUrl: str(e.runUrl),
    files: num(e.files),
    bytes: num(e.bytes),
    metrics: obj(e.metrics),
    metadata: obj(e.metadata),
    sourceCommit: str(e.sourceCommit),
    rollbackOf: num(e.rollbackOf),
    changes:
      changes &&
      num(changes.added) !== undefined &&
      num(changes.modified) !== undefined &&
      num(changes.deleted) !== undefined
        ? {
            added: changes.added as number,
            modified: changes.modified as number,
            deleted: changes.deleted as number,
          }
        : undefined,
  };
}
