/**
 * How far an alias lags the latest version: how many versions were recorded after the one it
 * points at, and for how long it has been behind (since the first of them). Pure.
 */
import { formatDuration } from './duration.js';

export interface Drift {
  alias: string;
  version: number;
  latest: number;
  /** Versions newer than the aliased one that still exist. */
  behind: number;
  /** Since when the alias has been behind (the first newer version's time), or null. */
  behindSince: string | null;
  /** Milliseconds behind at `now`; 0 when current. */
  ageMs: number;
}

export interface DriftThresholds {
  /** Warn when more than this many versions behind. */
  versions?: number | undefined;
  /** Warn when behind for longer than this (milliseconds). */
  ageMs?: number | undefined;
}

export function driftOf(
  alias: string,
  version: number,
  versions: readonly { n: number; at?: string | undefined }[],
  now: Date,
): Drift {
  const newer = versions.filter((v) => v.n > version).sort((a, b) => a.n - b.n);
  const latest = Math.max(version, ...versions.map((v) => v.n));
  const since = newer.find((v) => v.at !== undefined)?.at ?? null;
  return {
    alias,
    version,
    latest,
    behind: newer.length,
    behindSince: newer.length > 0 ? since : null,
    ageMs: newer.length > 0 && since ? Math.max(0, now.getTime() - Date.parse(since)) : 0,
  };
}

/** The reasons a drift passes the thresholds (empty: no warning). */
export function driftWarnings(d: Drift, t: DriftThresholds): string[] {
  const out: string[] = [];
  if (t.versions !== undefined && d.behind > t.versions) {
    out.push(`${d.behind} version${d.behind === 1 ? '' : 's'} behind (threshold ${t.versions})`);
  }
  if (t.ageMs !== undefined && d.ageMs > t.ageMs)
    out.push(`behind for ${formatDuration(d.ageMs)} (threshold ${formatDuration(t.ageMs)})`);
  return out;
}
