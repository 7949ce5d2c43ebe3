/**
 * Which version held an alias when, rebuilt from the `promoted` and `demoted` events of the
 * notes index. Pure. Events of pruned versions still count: their notes outlive their refs.
 */
import type { NoteEvent } from './notes-format.js';

export interface Tenure {
  alias: string;
  version: number;
  /** ISO time the version took the alias. */
  from: string;
  /** ISO time it lost it (another promotion or a demotion); null while it holds it. */
  until: string | null;
  actor?: string | undefined;
  reason?: string | undefined;
  runUrl?: string | undefined;
  /** The auto-promotion rule's reason, when a rule rather than a person promoted it. */
  rule?: string | undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Oldest first, per alias; only events of `track`. */
export function promotionHistory(track: string, events: readonly NoteEvent[]): Tenure[] {
  const relevant = events
    .filter(
      (e) =>
        e.track === track &&
        (e.event === 'promoted' || e.event === 'demoted') &&
        typeof e.alias === 'string' &&
        typeof e.at === 'string',
    )
    // Stable: events written in one update share a time and keep their written order.
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map(({ e }) => e);
  const open = new Map<string, Tenure>();
  const out: Tenure[] = [];
  for (const e of relevant) {
    const alias = e.alias as string;
    const current = open.get(alias);
    if (e.event === 'demoted') {
      if (current && current.version === e.version) {
        current.until = e.at;
        open.delete(alias);
      }
      continue;
    }
    if (current) {
      if (current.version === e.version) continue; // promoted again to where it was
      current.until = e.at;
    }
    const tenure: Tenure = {
      alias,
      version: e.version,
      from: e.at,
      until: null,
      actor: str(e.actor),
      reason: str(e.reason),
      runUrl: str(e.runUrl),
      rule: str(e.rule),
    };
    out.push(tenure);
    open.set(alias, tenure);
  }
  return out;
}
