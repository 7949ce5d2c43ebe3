/**
 * Which versions `list` shows: newest first, recorded since a time, at most a number of them.
 * Pure.
 */
import { InputError } from '../errors.js';
import { parseDuration } from './duration.js';
import { printable } from './track-name.js';

/**
 * `--since`: an ISO date or time (`2024-05-01`, `2024-05-01T12:00Z`) or a duration back from now
 * (`7d`, `12h`). Returns the earliest time shown.
 */
export function parseSince(text: string, input: string, now: Date): Date {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const at = new Date(trimmed);
    if (Number.isNaN(at.getTime())) {
      throw new InputError(
        input,
        `'${printable(trimmed, 40)}' is not a date.`,
        'Write a date (2024-05-01), a time (2024-05-01T12:00Z) or a duration back from now (7d, 12h).',
      );
    }
    return at;
  }
  return new Date(now.getTime() - parseDuration(trimmed, input));
}

/** `--limit`: a whole number of versions, at least 1. */
export function parseLimit(text: string, input: string): number {
  const trimmed = text.trim();
  const n = /^[0-9]{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(n >= 1)) {
    throw new InputError(
      input,
      `'${printable(trimmed, 40)}' is not a number of versions.`,
      'Give a whole number of at least 1, for example 20.',
    );
  }
  return n;
}

/**
 * Newest first; versions with no known time are kept by `since` (it cannot tell they are
 * older), so nothing vanishes from a listing for lack of an index line.
 */
export function selectVersions<T extends { version: number; at?: string | undefined }>(
  versions: readonly T[],
  opts: { since?: Date | undefined; limit?: number | undefined },
): T[] {
  const since = opts.since?.getTime();
  const newestFirst = [...versions]
    .sort((a, b) => b.version - a.version)
    .filter((v) => since === undefined || v.at === undefined || Date.parse(v.at) >= since);
  return opts.limit === undefined ? newestFirst : newestFirst.slice(0, opts.limit);
}
