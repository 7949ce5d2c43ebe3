/**
 * What `reindex` writes: the index lines the trailers of the snapshot commits can rebuild and
 * the index lacks. Pure. From a version's trailers come its `recorded` event (label, actor,
 * run, reason, metrics, metadata, sizes; the time is the snapshot commit's), the short line on
 * its source commit, the line on its snapshot tree that rollback detection reads, and for a
 * rollback the `rolled-back` event on the version it restored.
 * Promotions, demotions and prunes live only in the index: no trailer records them, so they
 * cannot be rebuilt. Lines already present are kept as they are and never written twice.
 */
import {
  producedEvent,
  recordedEvent,
  rolledBackEvent,
  treeEvent,
  TREE_NOTES_FROM,
  type NoteEvent,
} from './notes-format.js';
import type { VersionMeta } from './version-meta.js';

export interface VersionFacts {
  track: string;
  version: number;
  commit: string;
  tree: string;
  /** The trailers; undefined when the commit has none readable (left out, and reported). */
  meta: VersionMeta | undefined;
  /** When the snapshot commit was made: the best time the trailers can give. */
  committedAt: string;
  /** Against the version before it, when that version still exists. */
  changes?: { added: number; modified: number; deleted: number } | undefined;
}

export interface ReindexPlan {
  /** Events to append, by annotated object. */
  events: Map<string, NoteEvent[]>;
  /** Versions whose `recorded` event is rebuilt, per track. */
  rebuilt: Map<string, number[]>;
  /** Versions whose trailers cannot be read (nothing can be rebuilt for them). */
  unreadable: { track: string; version: number; commit: string }[];
}

function has(events: readonly NoteEvent[] | undefined, match: (e: NoteEvent) => boolean): boolean {
  return (events ?? []).some(match);
}

export function planReindex(
  versions: readonly VersionFacts[],
  existing: ReadonlyMap<string, NoteEvent[]>,
): ReindexPlan {
  const events = new Map<string, NoteEvent[]>();
  const rebuilt = new Map<string, number[]>();
  const unreadable: ReindexPlan['unreadable'] = [];
  const add = (object: string, e: NoteEvent) =>
    events.set(object, [...(events.get(object) ?? []), e]);
  const commitOf = new Map(versions.map((v) => [`${v.track}\0${v.version}`, v.commit]));

  for (const v of versions) {
    const meta = v.meta;
    if (!meta || meta.track !== v.track || meta.version !== v.version) {
      unreadable.push({ track: v.track, version: v.version, commit: v.commit });
      continue;
    }
    const same = (e: NoteEvent) => e.track === v.track && e.version === v.version;
    if (!has(existing.get(v.commit), (e) => e.event === 'recorded' && same(e))) {
      const recorded = recordedEvent(meta, v.commit, v.committedAt);
      // The same extra fields, in the same order, as a recording writes them.
      recorded.tree = v.tree;
      // Every version that still exists gets its tree's line below, so from the first on.
      recorded[TREE_NOTES_FROM] = 1;
      if (v.changes) recorded.changes = { ...v.changes };
      add(v.commit, recorded);
      rebuilt.set(v.track, [...(rebuilt.get(v.track) ?? []), v.version]);
    }
    if (!has(existing.get(v.tree), (e) => e.event === 'recorded' && same(e))) {
      add(v.tree, treeEvent(meta, v.commit, v.committedAt));
    }
    if (!has(existing.get(meta.sourceCommit), (e) => e.event === 'recorded' && same(e))) {
      add(meta.sourceCommit, producedEvent(meta, v.commit, v.committedAt));
    }
    const target =
      meta.rollbackOf === undefined ? undefined : commitOf.get(`${v.track}\0${meta.rollbackOf}`);
    if (
      target &&
      meta.rollbackOf !== undefined &&
      !has(
        existing.get(target),
        (e) => e.event === 'rolled-back' && e.track === v.track && e.restoredAs === v.version,
      )
    ) {
      add(
        target,
        rolledBackEvent(v.track, meta.rollbackOf, v.committedAt, v.version, v.commit, {
          actor: meta.actor,
          runUrl: meta.runUrl,
        }),
      );
    }
  }
  return { events, rebuilt, unreadable };
}
