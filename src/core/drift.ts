/**
 * How far an alias lags the latest version: how many versions were recorded after the one it
 * points at, and for how long it has been behind (since the first of them); and how bad that
 * is, in two levels a fleet operator can gate on: a warning (worth a look) and an error (the
 * channel is stale enough to fail the job). Pure.
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
  /** An error (the status step fails) when more than this many versions behind. */
  failVersions?: number | undefined;
  /** An error when behind for longer than this (milliseconds). */
  failAgeMs?: number | undefined;
}

/** `none`: within every threshold (or none set); otherwise the highest level passed. */
export type DriftLevel = 'none' | 'warning' | 'error';

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

/** The reasons a drift passes the warning thresholds (empty: no warning). */
export function driftWarnings(d: Drift, t: DriftThresholds): string[] {
  return passed(d, t.versions, t.ageMs, 'threshold');
}

/** The reasons a drift passes the failure thresholds (empty: no error). */
export function driftErrors(d: Drift, t: DriftThresholds): string[] {
  return passed(d, t.failVersions, t.failAgeMs, 'failure threshold');
}

export function driftLevel(warnings: readonly string[], errors: readonly string[]): DriftLevel {
  return errors.length > 0 ? 'error' : warnings.length > 0 ? 'warning' : 'none';
}

/** The highest of several levels. */
export function worstLevel(levels: Iterable<DriftLevel>): DriftLevel {
  let worst: DriftLevel = 'none';
  for (const l of levels) if (l === 'error' || (l === 'warning' && worst === 'none')) worst = l;
  return worst;
}

function passed(
  d: Drift,
  versions: number | undefined,
  ageMs: number | undefined,
  what: string,
): string[] {
  const out: string[] = [];
  if (versions !== undefined && d.behind > versions) {
    out.push(`${d.behind} version${d.behind === 1 ? '' : 's'} behind (${what} ${versions})`);
  }
  if (ageMs !== undefined && d.ageMs > ageMs)
    out.push(`behind for ${formatDuration(d.ageMs)} (${what} ${formatDuration(ageMs)})`);
  return out;
}
