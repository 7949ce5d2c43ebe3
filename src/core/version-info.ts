/**
 * One version as the read-only commands (list, show, export) report it, put together from the
 * two places that describe it: its `recorded` event in the notes index (which alone knows when
 * it was recorded and what changed) and the trailers of its snapshot commit (the source of
 * truth, read when the index lacks the version). Pure.
 */
import type { NoteEvent } from './notes-format.js';
import type { VersionMeta } from './version-meta.js';

export interface VersionInfo {
  track: string;
  version: number;
  /** The snapshot commit. */
  commit: string;
  label?: string | undefined;
  /** When it was recorded (the index), else when its snapshot commit was made. */
  at?: string | undefined;
  actor?: string | undefined;
  reason?: string | undefined;
  runUrl?: string | undefined;
  sourceCommit?: string | undefined;
  previousVersion?: number | null | undefined;
  files?: number | undefined;
  bytes?: number | undefined;
  /** Against the version before it, as recorded. */
  changes?: { added: number; modified: number; deleted: number } | undefined;
  metrics?: Record<string, unknown> | undefined;
  metadata?: Record<string, unknown> | undefined;
  rollbackOf?: number | undefined;
  aliases: string[];
  /** Where the figures came from: the notes index, or only the trailers (index lacks it). */
  source: 'notes' | 'trailers' | 'none';
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The `recorded` event of version `n` of `track` on its snapshot commit, if the index has it. */
export function recordedEventOf(
  events: readonly NoteEvent[] | undefined,
  track: string,
  n: number,
): NoteEvent | undefined {
  return (events ?? []).find((e) => e.event === 'recorded' && e.track === track && e.version === n);
}

function changesOf(e: NoteEvent): VersionInfo['changes'] {
  const c = obj(e.changes);
  if (!c) return undefined;
  const [added, modified, deleted] = [num(c.added), num(c.modified), num(c.deleted)];
  return added !== undefined && modified !== undefined && deleted !== undefined
    ? { added, modified, deleted }
    : undefined;
}

/**
 * Merges what is known of one version. The index's line wins where both speak (they were
 * written together); the trailers fill whatever the index lacks.
 */
export function versionInfo(parts: {
  track: string;
  version: number;
  commit: string;
  aliases: readonly string[];
  recorded?: NoteEvent | undefined;
  meta?: VersionMeta | undefined;
  committedAt?: string | undefined;
}): VersionInfo {
  const { recorded: e, meta: m } = parts;
  const prev = e && 'previousVersion' in e ? e.previousVersion : undefined;
  return {
    track: parts.track,
    version: parts.version,
    commit: parts.commit,
    label: (e && str(e.label)) ?? (m?.label || undefined),
    at: (e && str(e.at)) ?? parts.committedAt,
    actor: (e && str(e.actor)) ?? m?.actor,
    reason: (e && str(e.reason)) ?? m?.reason,
    runUrl: (e && str(e.runUrl)) ?? m?.runUrl,
    sourceCommit: (e && str(e.sourceCommit)) ?? m?.sourceCommit,
    previousVersion: prev === null ? null : (num(prev) ?? m?.previousVersion),
    files: (e && num(e.files)) ?? m?.files,
    bytes: (e && num(e.bytes)) ?? m?.bytes,
    changes: e ? changesOf(e) : undefined,
    metrics: (e && obj(e.metrics)) ?? m?.metrics,
    metadata: (e && obj(e.metadata)) ?? m?.metadata,
    rollbackOf: (e && num(e.rollbackOf)) ?? m?.rollbackOf,
    aliases: [...parts.aliases].sort(),
    source: e ? 'notes' : m ? 'trailers' : 'none',
  };
}

/** Every event of the index about version `n` of `track` (promotions, rollbacks…), oldest first. */
export function eventsOf(
  events: readonly NoteEvent[] | undefined,
  track: string,
  n: number,
): NoteEvent[] {
  return (events ?? [])
    .filter((e) => e.track === track && e.version === n)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map(({ e }) => e);
}
