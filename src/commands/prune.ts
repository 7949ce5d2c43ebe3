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
import type { Git, RefUpdate } from '../git/git.js';
import { aliasRef, trackPrefix, versionRef } from '../core/refs.js';
import { prunedEvent, type Actor, type NoteEvent } from '../core/notes-format.js';
import {
  describePolicy,
  planRetention,
  type KeepReason,
  type RetentionPolicy,
} from '../core/retention.js';
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
  now?: () => Date;
}

export async function prune(deps: PruneDeps, opts: PruneOptions): Promise<PruneResult> {
  const { git } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const what = opts.tracks.map((t) => t.name).join(', ');
  return retryRaces(`prune ${what}`, deps.log, async () => {
    const view = await lookAtRegistry(
      git,
      opts.tracks.map((t) => trackPrefix(t.name)),
    );
    const results: PruneTrackResult[] = [];
    const updates: RefUpdate[] = [];
    const events = new Map<string, NoteEvent[]>();
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
      for (const n of plan.prune) {
        const oid = index.versions.get(n)!;
        updates.push({ ref: versionRef(t.name, n), expected: oid, next: null });
        events.set(oid, [prunedEvent(t.name, n, at, opts.by, describePolicy(t.policy))]);
      }
      if (plan.prune.length > 0) {
        for (const [alias, oid] of index.aliases) {
          updates.push({ ref: aliasRef(t.name, alias), expected: oid, next: oid });
        }
      }
    }
    if (opts.dryRun || updates.length === 0) return { dryRun: opts.dryRun, tracks: results };
    const count = updates.filter((u) => u.next === null).length;
    await landChange(git, {
      notesBase: view.notes,
      events,
      updates,
      message: `snapback: prune ${count} version${count === 1 ? '' : 's'} of ${what}`,
    });
    return { dryRun: false, tracks: results };
  });
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
