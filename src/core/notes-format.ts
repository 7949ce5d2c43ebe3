/**
 * The notes index: JSON Lines, one event per line, append-only. Two writers' notes merge by the
 * union of their lines, so a line must be self-contained and a reader must tolerate anything.
 */
import type { VersionMeta } from './version-meta.js';

export const NOTES_SCHEMA = 1;

export type EventName = 'recorded' | 'promoted' | 'demoted' | 'rolled-back' | 'pruned';

export interface NoteEvent {
  schema: number;
  event: EventName | string;
  track: string;
  version: number;
  at: string;
  [key: string]: unknown;
}

export function recordedEvent(meta: VersionMeta, commit: string, at: string): NoteEvent {
  // The GitHub event that triggered the run is kept as `trigger`: `event` names the note's event.
  const { track, version, event: trigger, ...rest } = meta;
  return {
    schema: NOTES_SCHEMA,
    event: 'recorded',
    track,
    version,
    at,
    commit,
    ...rest,
    ...(trigger ? { trigger } : {}),
  };
}

/** The short line on the source commit: which versions it produced. */
export function producedEvent(meta: VersionMeta, commit: string, at: string): NoteEvent {
  return {
    ...treeEvent(meta, commit, at),
    ...(meta.runUrl ? { runUrl: meta.runUrl } : {}),
  };
}

/**
 * The line on a snapshot's tree: which version of which track recorded that content. Notes may
 * annotate any object, so a later recording of the same files finds the version it returns to
 * by reading this one note (the tree's), not every version's. Readers that look at a version's
 * note never meet it; readers of every note see a `recorded` line naming its snapshot commit,
 * like the source commit's.
 */
export function treeEvent(meta: VersionMeta, commit: string, at: string): NoteEvent {
  return {
    schema: NOTES_SCHEMA,
    event: 'recorded',
    track: meta.track,
    version: meta.version,
    at,
    commit,
  };
}

/**
 * The field of a `recorded` event naming the first version of its track whose tree carries a
 * tree note (see treeEvent); each version copies it from the one before. Versions older than it
 * are only found by their `tree` field, so rollback detection reads a bounded number of those.
 */
export const TREE_NOTES_FROM = 'treeNotesFrom';

/** The `recorded` event of `version` of `track` among a note's events. */
export function recordedOf(
  events: readonly NoteEvent[],
  track: string,
  version: number,
): NoteEvent | undefined {
  return events.find((e) => e.event === 'recorded' && e.track === track && e.version === version);
}

export function parseNote(text: string): NoteEvent[] {
  const out: NoteEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (
        value &&
        typeof value === 'object' &&
        typeof (value as NoteEvent).event === 'string' &&
        typeof (value as NoteEvent).track === 'string' &&
        typeof (value as NoteEvent).version === 'number'
      ) {
        out.push(value as NoteEvent);
      }
    } catch {
      // A line from a foreign writer; an index tolerates it and `reindex` can rebuild.
    }
  }
  return out;
}

/** Appends events to an existing note, keeping every existing line and adding no duplicate. */
export function appendToNote(existing: string, events: NoteEvent[]): string {
  const lines = existing.split('\n').filter((l) => l.trim() !== '');
  const seen = new Set(lines);
  for (const e of events) {
    const line = JSON.stringify(e);
    if (!seen.has(line)) {
      lines.push(line);
      seen.add(line);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Who did something and from which run, as every event after `recorded` carries it. */
export interface Actor {
  actor?: string | undefined;
  runUrl?: string | undefined;
  reason?: string | undefined;
}

function who(by: Actor): Record<string, string> {
  return {
    ...(by.actor ? { actor: by.actor } : {}),
    ...(by.runUrl ? { runUrl: by.runUrl } : {}),
    ...(by.reason ? { reason: by.reason } : {}),
  };
}

/** On the snapshot commit that now holds `alias`; `from` is the version that held it before. */
export function promotedEvent(
  track: string,
  version: number,
  alias: string,
  from: number | null,
  at: string,
  by: Actor,
  auto?: string,
): NoteEvent {
  return {
    schema: NOTES_SCHEMA,
    event: 'promoted',
    track,
    version,
    at,
    alias,
    from,
    ...who(by),
    ...(auto ? { auto: true, rule: auto } : {}),
  };
}

/** On the snapshot commit that held `alias` until it was removed. */
export function demotedEvent(
  track: string,
  version: number,
  alias: string,
  at: string,
  by: Actor,
): NoteEvent {
  return { schema: NOTES_SCHEMA, event: 'demoted', track, version, at, alias, ...who(by) };
}

/** On a pruned snapshot commit: its note outlives the ref, so the audit trail keeps it. */
export function prunedEvent(
  track: string,
  version: number,
  at: string,
  by: Actor,
  policy: string,
): NoteEvent {
  return { schema: NOTES_SCHEMA, event: 'pruned', track, version, at, policy, ...who(by) };
}

/** On the version a rollback went back to: which new version restored its files. */
export function rolledBackEvent(
  track: string,
  version: number,
  at: string,
  by: number,
  commit: string,
  who_: Actor,
): NoteEvent {
  return {
    schema: NOTES_SCHEMA,
    event: 'rolled-back',
    track,
    version,
    at,
    restoredAs: by,
    restoredCommit: commit,
    ...who(who_),
  };
}
