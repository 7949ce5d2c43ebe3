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
import { prunedEvent, recordedOf, type Actor, type NoteEvent } from '../core/notes-format.js';
import {
  describePolicy,
  planRetention,
  type KeepReason,
  type RetentionPolicy,
  type VersionFacts,
} from '../core/retention.js';
import { SnapbackError } from '../errors.js';
import { PushRefused } from '../git/push-refusal.js';
import { retryRaces, trackIndex, versionByCommit } from '../registry/registry.js';
import { RegistrySession, WHOLE_NOTES_FROM } from '../registry/session.js';

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
  const session = new RegistrySession(git);
  const result = await retryRaces(`prune ${what}`, deps.log, async () => {
    const view = await session.look({
      prefixes: opts.tracks.map((t) => trackPrefix(t.name)),
      // Each pruned version's note gains a line: a big prune reads most of the notes.
      wholeNotes: (refs) => refs.size >= WHOLE_NOTES_FROM,
    });
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
      const facts: VersionFacts[] = [...index.versions.keys()]
        .sort((a, b) => a - b)
        .map((n) => ({ n, aliases: aliasesOf.get(n) ?? [] }));
      const { keepDays } = t.policy;
      if (keepDays !== undefined) {
        const cutoff = now.getTime() - keepDays * DAY_MS;
        await findAges(session, t.name, index.versions, facts, cutoff, t.policy.keepLast);
      }
      const plan = planRetention(facts, t.policy, now);
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
      landBatches(session, view.notes, batches, what, (c) => {
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
  session: RegistrySession,
  notesBase: string | null,
  batches: readonly (readonly TrackDeletions[])[],
  what: string,
  onLanded: (change: TrackDeletions) => void,
): Promise<void> {
  let notes = notesBase;
  for (const [i, batch] of batches.entries()) {
    const count = batch.reduce((n, c) => n + c.deletions.length, 0);
    const part = batches.length > 1 ? ` (batch ${i + 1} of ${batches.length})` : '';
    notes = await session.land({
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

const DAY_MS = 86_400_000;

/**
 * Fills in the ages a keep-days policy needs with O(log n) note reads plus one per version it
 * would delete. Versions are numbered in the order they were recorded, so the versions older than
 * `cutoff` are a prefix of the track: a binary search over the versions' `recorded` times finds
 * where it ends, and versions after it are young without reading their notes. A probe whose note
 * gives no time ends the prefix there (nothing newer is removed on age grounds). The versions
 * before the end get their own times read (their notes are read anyway, to append `pruned`), so
 * one of unknown age, or younger than the order says, is still kept.
 */
async function findAges(
  session: RegistrySession,
  track: string,
  versions: ReadonlyMap<number, string>,
  facts: VersionFacts[],
  cutoff: number,
  keepLast: number,
): Promise<void> {
  const timeOf = (n: number, events: readonly NoteEvent[]): Date | undefined => {
    const at = Date.parse(String(recordedOf(events, track, n)?.at));
    return Number.isNaN(at) ? undefined : new Date(at);
  };
  const old = (at: Date | undefined) => at !== undefined && at.getTime() <= cutoff;
  const probed = new Set<number>();
  // The first index whose version is not known old: facts[0, lo) are old, facts[lo, …) are not.
  let lo = 0;
  let hi = facts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const f = facts[mid]!;
    f.at = timeOf(f.n, await session.events(versions.get(f.n)!));
    probed.add(mid);
    if (old(f.at)) lo = mid + 1;
    else hi = mid;
  }
  // Of the old prefix, the versions no other rule keeps are the ones to delete: their own times
  // decide. The rest are kept anyway and old by the order.
  const newestFrom = facts.length - keepLast;
  const deletable = (f: VersionFacts, i: number) => i < newestFrom && f.aliases.length === 0;
  const read = await session.eventsOf(
    facts.slice(0, lo).flatMap((f, i) => (deletable(f, i) ? [versions.get(f.n)!] : [])),
  );
  for (const [i, f] of facts.entries()) {
    if (probed.has(i)) continue;
    if (i >= lo) f.young = true;
    else if (!deletable(f, i)) f.young = false;
    else {
      const events = read.get(versions.get(f.n)!);
      f.at = events ? timeOf(f.n, events) : undefined;
    }
  }
}
