/**
 * `status`: the state of every track at a glance — its newest versions with their metadata and
 * metrics, aliases with their drift from the latest version, promotion history and pruned
 * versions. Read-only: one ref listing and the notes of what it shows (the snapshot commits are
 * never fetched), so its cost follows what it shows, not the length of the history:
 * - versions: the newest STATUS_VERSIONS of each track (an option shows more, or all) and every
 *   aliased one;
 * - drift: version numbers come from the listing; the time an alias fell behind from the note of
 *   the first version after it;
 * - history: walked back from each alias's version through the `from` of its `promoted` events,
 *   at most HISTORY_STEPS tenures; an alias removed since is shown from the notes read anyway;
 * - pruned: the numbers missing below the latest (numbers are never reused).
 */
import { createWriteStream } from 'node:fs';
import type { Git } from '../git/git.js';
import { trackPrefix, VERSIONS_PREFIX } from '../core/refs.js';
import { recordedOf, type NoteEvent } from '../core/notes-format.js';
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
import { aliasVersions, trackIndex, tracksIn } from '../registry/registry.js';
import { RegistrySession, WHOLE_NOTES_FROM } from '../registry/session.js';
import type { TrackIndex } from '../core/selectors.js';

/** Versions per track shown unless asked for more: as many as the summary's charts draw. */
export const STATUS_VERSIONS = 50;
/** Tenures of an alias walked back through its promotions (the summary lists 50). */
export const HISTORY_STEPS = 50;
/**
 * Versions read together with a walk's first note not read yet; each next window is twice as
 * wide, or up to four times when the steps left, at the pace walked so far, need that many.
 */
export const FIRST_WALK_WINDOW = 32;
const MAX_WALK_WINDOW = 512;

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
  /** How many versions the track has; `versions` lists the newest of them (absent: all). */
  count?: number | undefined;
  /** Oldest first: the newest versions and every aliased one. */
  versions: StatusVersion[];
  aliases: StatusAlias[];
  /** Per alias, oldest tenure first. */
  history: Record<string, Tenure[]>;
  /** Versions removed (by retention): the numbers missing below the latest. */
  pruned: { version: number; at?: string | undefined }[];
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
  /** Versions to show per track, newest first (default STATUS_VERSIONS); 'all': every one. */
  versions?: number | 'all' | undefined;
}

export interface StatusDeps {
  git: Git;
  now?: () => Date;
}

export async function status(deps: StatusDeps, opts: StatusOptions): Promise<StatusResult> {
  const now = (deps.now ?? (() => new Date()))();
  const session = new RegistrySession(deps.git);
  const view = await session.look({
    prefixes: opts.tracks ? opts.tracks.map(trackPrefix) : [VERSIONS_PREFIX],
    wholeNotes: (refs) => notesToRead(refs, opts) >= WHOLE_NOTES_FROM,
  });
  const names = opts.tracks ?? tracksIn(view.refs);
  const tracks: TrackStatus[] = [];
  for (const name of names) {
    tracks.push(await trackStatus(session, trackIndex(name, view.refs), now, opts));
  }
  return { generatedAt: now.toISOString(), tracks };
}

/**
 * About how many notes status will read: the versions shown and each alias's first walk window,
 * per track. Fetching the notes whole is cheaper than fetching this many one request per track.
 */
function notesToRead(refs: ReadonlyMap<string, string>, opts: StatusOptions): number {
  let total = 0;
  for (const name of opts.tracks ?? tracksIn(refs)) {
    const index = trackIndex(name, refs);
    const shown =
      opts.versions === 'all' ? index.versions.size : (opts.versions ?? STATUS_VERSIONS);
    total += Math.min(index.versions.size, shown + index.aliases.size * FIRST_WALK_WINDOW);
  }
  return total;
}

async function trackStatus(
  session: RegistrySession,
  index: TrackIndex,
  now: Date,
  opts: StatusOptions,
): Promise<TrackStatus> {
  const name = index.track;
  const aliasOf = aliasVersions(index);
  const numbers = [...index.versions.keys()].sort((a, b) => a - b);
  const limit = opts.versions === 'all' ? numbers.length : (opts.versions ?? STATUS_VERSIONS);
  const shown = new Set(limit > 0 ? numbers.slice(-limit) : []);
  for (const n of aliasOf.values()) shown.add(n);
  // Drift dates from the first version after each alias.
  const needed = new Set(shown);
  for (const n of aliasOf.values()) {
    const after = numbers.find((m) => m > n);
    if (after !== undefined) needed.add(after);
  }
  const read = await session.eventsOf([...needed].map((n) => index.versions.get(n)!));
  const recorded = (n: number) => recordedOf(read.get(index.versions.get(n)!) ?? [], name, n);
  const versions: StatusVersion[] = [...shown]
    .sort((a, b) => a - b)
    .map((n) => {
      const r = recorded(n);
      return {
        version: n,
        commit: index.versions.get(n)!,
        aliases: [...aliasOf].filter(([, v]) => v === n).map(([a]) => a),
        ...(r ? fromRecorded(r) : {}),
      };
    });
  const history = await aliasHistory(session, index, aliasOf, read);
  const thresholds = opts.thresholds(name);
  const timeline = numbers.map((n) => ({ n, at: strOf(recorded(n)?.at) }));
  const aliases = [...aliasOf]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([alias, n]) => {
      const d = driftOf(alias, n, timeline, now);
      const warnings = driftWarnings(d, thresholds);
      const errors = driftErrors(d, thresholds);
      return { ...d, warnings, errors, level: driftLevel(warnings, errors) };
    });
  const latest = numbers.length > 0 ? numbers[numbers.length - 1]! : null;
  const pruned: TrackStatus['pruned'] = [];
  for (let n = 1; latest !== null && n < latest; n++) {
    if (!index.versions.has(n)) pruned.push({ version: n });
  }
  return { track: name, latest, count: numbers.length, versions, aliases, history, pruned };
}

/**
 * Per alias, its tenures oldest first. A current alias is walked back from the version it is on:
 * that version's `promoted` event names the version that held the alias before (`from`), whose
 * note has the promotion before that, and so on, at most HISTORY_STEPS notes, until a promotion
 * from nothing or a version whose commit is gone (pruned). Every promotion and demotion of the
 * alias since the oldest one reached is on a version of that walk, so the tenures in that window
 * are complete. Aliases removed since are shown from the notes read anyway (best effort).
 */
async function aliasHistory(
  session: RegistrySession,
  index: TrackIndex,
  aliasOf: ReadonlyMap<string, number>,
  read: ReadonlyMap<string, NoteEvent[]>,
): Promise<Record<string, Tenure[]>> {
  const name = index.track;
  const isAliasEvent = (e: NoteEvent) =>
    e.track === name &&
    (e.event === 'promoted' || e.event === 'demoted') &&
    typeof e.alias === 'string' &&
    typeof e.at === 'string';
  const seen = new Map<string, NoteEvent[]>(); // per alias, from the notes read
  const visited = new Set<string>();
  const take = (object: string, events: readonly NoteEvent[]) => {
    if (visited.has(object)) return;
    visited.add(object);
    for (const e of events.filter(isAliasEvent)) {
      seen.set(e.alias as string, [...(seen.get(e.alias as string) ?? []), e]);
    }
  };
  for (const [object, events] of read) take(object, events);
  // Each step of a walk needs the note of the version before, known only once the note is read:
  // where notes are fetched by id, one request per step. The version before is usually close by,
  // so a note not read yet is read with the older versions next to it, in a window twice the last
  // one, or up to four times when the steps left, at the pace walked so far, need that many.
  const asked = new Set(read.keys());
  let span = FIRST_WALK_WINDOW;
  const eventsOf = async (version: number, commit: string, stepsLeft: number, pace: number) => {
    if (!asked.has(commit)) {
      const window: string[] = [];
      for (let n = version; n > version - span && n > 0; n--) {
        const c = index.versions.get(n);
        if (c !== undefined && !asked.has(c)) window.push(c);
      }
      for (const c of window) asked.add(c);
      const wanted = Math.ceil(stepsLeft * pace * 1.25);
      span = Math.min(Math.max(span * 2, wanted), span * 4, MAX_WALK_WINDOW);
      await session.notes(window);
    }
    return session.events(commit);
  };
  const windowOf = new Map<string, string>();
  for (const [alias, current] of aliasOf) {
    let version: number | null = current;
    let before: string | undefined;
    for (let step = 0; step < HISTORY_STEPS && version !== null; step++) {
      const commit = index.versions.get(version);
      if (commit === undefined) break;
      // Versions walked back per step so far (0 before the first step: no guess yet).
      const pace = step > 0 ? (current - version) / step : 0;
      const events = await eventsOf(version, commit, HISTORY_STEPS - step, pace);
      take(commit, events);
      const promoted = events
        .filter(
          (e) =>
            isAliasEvent(e) &&
            e.event === 'promoted' &&
            e.alias === alias &&
            e.version === version &&
            (before === undefined || (e.at as string) < before),
        )
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0];
      if (!promoted) break;
      windowOf.set(alias, promoted.at);
      before = promoted.at;
      version = typeof promoted.from === 'number' ? promoted.from : null;
    }
  }
  const history: Record<string, Tenure[]> = {};
  for (const alias of [...seen.keys()].sort()) {
    const since = windowOf.get(alias);
    const events = seen.get(alias)!.filter((e) => since === undefined || e.at >= since);
    const tenures = promotionHistory(name, events).filter((t) => t.alias === alias);
    if (tenures.length > 0) history[alias] = tenures;
  }
  return history;
}

function strOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
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

/**
 * Writes the status as JSON to `file`, one track at a time, so the text of a large status is
 * never built whole in memory (the same text as JSON.stringify(result, null, 2)).
 */
export async function writeStatusFile(file: string, result: StatusResult): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
  try {
    const indent = (json: string) => json.replace(/\n/g, '\n    ');
    const { tracks, ...rest } = result;
    // The other fields as JSON.stringify writes them, without the closing "\n}".
    const head =
      Object.keys(rest).length > 0 ? `${JSON.stringify(rest, null, 2).slice(0, -2)},` : '{';
    await write(`${head}\n  "tracks": [`);
    for (const [i, t] of tracks.entries()) {
      await write(`${i === 0 ? '' : ','}\n    ${indent(JSON.stringify(t, null, 2))}`);
    }
    await write(tracks.length > 0 ? '\n  ]\n}' : ']\n}');
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
  }
}
