/**
 * `prune`: retention per track. Every deletion of a run goes to the server in one atomic
 * request, each against the value we saw, together with checks that every alias of the track
 * still points where it did and the notes move from the tip we read. An alias moved onto a
 * version we meant to delete (or any other write meanwhile) fails the request as a whole; we
 * look again and plan afresh, so an aliased version is never deleted.
 *
 * Objects that only pruned versions held become unreachable; the server's garbage collection
 * reclaims them. Each pruned version's note gets a `pruned` event: notes outlive refs, so the
 * audit trail still says what was there and why it went.
 */
import { debug, type Progress } from '../progress.js';
import type { Git, RefUpdate } from '../git/git.js';
import { aliasRef, trackPrefix, versionRef } from '../core/refs.js';
import { prunedEvent, type Actor, type NoteEvent } from '../core/notes-format.js';
import {
  describePolicy,
  planRetention,
  type KeepReason,
  type RetentionPolicy,
} from '../core/retention.js';
import { SnapbackError } from '../errors.js';
import { PushRefused } from '../git/push-refusal.js';
import {
  landChange,
  lookAtRegistry,
  readEvents,
  retryRaces,
  trackIndex,
  versionByCommit,
} from '../registry/registry.js';

export interface PruneTrack {
  name: string;
  policy: RetentionPolicy;
}

export interface PruneOptions {
  tracks: PruneTrack[];
  dryRun: boolean;
  by: Actor;
}

export interface PruneTrackResult {
  track: string;
  policy: RetentionPolicy;
  kept: { n: number; why: KeepReason[] }[];
  /** Deleted (or, in a dry run, that would be). */
  pruned: number[];
}

export interface PruneResult {
  dryRun: boolean;
  tracks: PruneTrackResult[];
}

export interface PruneDeps {
  git: Git;
  log: (message: string) => void;
  /** Decisions, for step debugging. */
  progress?: Progress | undefined;
  now?: () => Date;
}

export async function prune(deps: PruneDeps, opts: PruneOptions): Promise<PruneResult> {
  const { git } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const what = opts.tracks.map((t) => t.name).join(', ');
  // What earlier batches deleted: an attempt redone after a lost race plans only what is left.
  const landed = new Map<string, number[]>();
  let maxCommands: number | undefined;
  const result = await retryRaces(`prune ${what}`, deps.log, async () => {
    const view = await lookAtRegistry(
      git,
      opts.tracks.map((t) => trackPrefix(t.name)),
    );
    const results: PruneTrackResult[] = [];
    const changes: TrackDeletions[] = [];
    const at = now.toISOString();
    for (const t of opts.tracks) {
      const index = trackIndex(t.name, view.refs);
      const byCommit = versionByCommit(index);
      const aliasesOf = new Map<number, string[]>();
      for (const [alias, oid] of index.aliases) {
        const n = byCommit.get(oid);
        if (n !== undefined) aliasesOf.set(n, [...(aliasesOf.get(n) ?? []), alias]);
      }
      // Ages come from the notes index, read only when a policy asks for them.
      const recordedAt =
        t.policy.keepDays !== undefined
          ? await recordedTimes(git, view.notes, index.versions)
          : new Map<number, Date>();
      const plan = planRetention(
        [...index.versions.keys()].map((n) => ({
          n,
          at: recordedAt.get(n),
          aliases: aliasesOf.get(n) ?? [],
        })),
        t.policy,
        now,
      );
      results.push({ track: t.name, policy: t.policy, kept: plan.keep, pruned: plan.prune });
      debug(
        deps.progress,
        `${t.name}: ${index.versions.size} versions under ${describePolicy(t.policy)}; keep ${plan.keep.map((k) => `v${k.n} (${k.why.join(', ')})`).join(', ') || 'none'}; delete ${plan.prune.map((n) => `v${n}`).join(', ') || 'none'}.`,
      );
      if (plan.prune.length === 0) continue;
      changes.push({
        track: t.name,
        deletions: plan.prune.map((n) => {
          const oid = index.versions.get(n)!;
          return {
            n,
            update: { ref: versionRef(t.name, n), expected: oid, next: null },
            event: prunedEvent(t.name, n, at, opts.by, describePolicy(t.policy)),
          };
        }),
        checks: [...index.aliases].map(([alias, oid]) => ({
          ref: aliasRef(t.name, alias),
          expected: oid,
          next: oid,
        })),
      });
    }
    if (opts.dryRun || changes.length === 0) return { dryRun: opts.dryRun, tracks: results };
    const land = (batches: TrackDeletions[][]) =>
      landBatches(git, view.notes, batches, what, (c) => {
        for (const d of c.deletions) landed.set(c.track, [...(landed.get(c.track) ?? []), d.n]);
      });
    try {
      await land(maxCommands ? inBatches(changes, maxCommands) : [changes]);
    } catch (e) {
      // A push policy caps ref updates per push (GitHub: `maximum ref updates exceeded`). Nothing
      // of the refused request landed; the same plan goes again in batches under the cap.
      if (!(e instanceof PushRefused) || e.kind !== 'ref-limit' || !e.limit || maxCommands) throw e;
      maxCommands = e.limit;
      deps.log(
        `The server takes at most ${maxCommands} ref updates per push: pruning in batches, each with its notes.`,
      );
      await land(inBatches(changes, maxCommands, e));
    }
    return { dryRun: false, tracks: results };
  });
  if (result.dryRun) return result;
  for (const t of result.tracks) {
    const before = landed.get(t.track) ?? [];
    t.pruned = [...new Set([...before, ...t.pruned])].sort((a, b) => a - b);
  }
  return result;
}

interface TrackDeletions {
  track: string;
  deletions: { n: number; update: RefUpdate; event: NoteEvent }[];
  /** Every alias of the track, checked unmoved, so no alias can land on a deleted version. */
  checks: RefUpdate[];
}

/**
 * Lands each batch as its own atomic request with its `pruned` events, each on the notes tip
 * the one before landed. A lost race stops the run of batches; the caller looks again.
 */
async function landBatches(
  git: Git,
  notesBase: string | null,
  batches: readonly (readonly TrackDeletions[])[],
  what: string,
  onLanded: (change: TrackDeletions) => void,
): Promise<void> {
  let notes = notesBase;
  for (const [i, batch] of batches.entries()) {
    const count = batch.reduce((n, c) => n + c.deletions.length, 0);
    const part = batches.length > 1 ? ` (batch ${i + 1} of ${batches.length})` : '';
    notes = await landChange(git, {
      notesBase: notes,
      events: new Map(
        batch.flatMap((c) => c.deletions.map((d) => [d.update.expected!, [d.event]])),
      ),
      updates: batch.flatMap((c) => [...c.deletions.map((d) => d.update), ...c.checks]),
      message: `snapback: prune ${count} version${count === 1 ? '' : 's'} of ${what}${part}`,
    });
    for (const c of batch) onLanded(c);
  }
}

/**
 * Splits the deletions so that no request carries more than `max` ref updates: its deletions,
 * the alias checks of its track and the notes ref. A track whose checks alone do not fit cannot
 * be pruned under this cap: the refusal stands.
 */
function inBatches(
  changes: readonly TrackDeletions[],
  max: number,
  refused?: PushRefused,
): TrackDeletions[][] {
  const batches: TrackDeletions[][] = [];
  for (const c of changes) {
    const room = max - 1 - c.checks.length;
    if (room < 1) {
      if (refused) throw refused;
      throw new SnapbackError(
        'push-refused',
        `Track '${c.track}' has ${c.checks.length} aliases; with the notes ref, a prune of it needs more than the ${max} ref updates the server takes per push.`,
        "Raise the repository's limit on ref updates per push (Settings → General → Pushes), or remove unused aliases.",
      );
    }
    for (let at = 0; at < c.deletions.length; at += room) {
      batches.push([{ ...c, deletions: c.deletions.slice(at, at + room) }]);
    }
  }
  return batches;
}

/** When each version was recorded, from its `recorded` event; versions without one are left out. */
async function recordedTimes(
  git: Git,
  notes: string | null,
  versions: ReadonlyMap<number, string>,
): Promise<Map<number, Date>> {
  const byCommit = new Map([...versions].map(([n, oid]) => [oid, n]));
  const out = new Map<number, Date>();
  for (const [oid, events] of await readEvents(git, notes, [...byCommit.keys()])) {
    const n = byCommit.get(oid)!;
    const recorded = events.find((e) => e.event === 'recorded' && e.version === n);
    const time = recorded ? Date.parse(recorded.at) : NaN;
    if (!Number.isNaN(time)) out.set(n, new Date(time));
  }
  return out;
}
