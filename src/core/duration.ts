import { InputError } from '../errors.js';
import { printable } from './track-name.js';

/** Longer than a century is a typo. */
const MAX_MS = 36_500 * 86_400_000;

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** `30m`, `12h`, `7d`, `2w`, or a bare number of days. */
export function parseDuration(text: string, input: string): number {
  const m = /^\s*([0-9]{1,15}(?:\.[0-9]{1,15})?)\s*(min|m|h|d|w)?\s*$/i.exec(text);
  if (!m) {
    throw new InputError(
      input,
      `'${printable(text, 40)}' is not a duration.`,
      'Write a number with a unit: m (minutes), h (hours), d (days) or w (weeks), for example "7d" or "12h"; a bare number means days.',
    );
  }
  const ms = Number(m[1]) * UNIT_MS[(m[2] ?? 'd').toLowerCase()]!;
  if (ms > MAX_MS) {
    throw new InputError(
      input,
      `must be at most 100 years, got ${text.trim()}.`,
      'For example "7d" or "12h".',
    );
  }
  return ms;
}

/** `3d 4h`, `5h 10m`, `12m`, `just now`: the two largest units, for humans. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return 'under a minute';
  const parts: string[] = [];
  let rest = Math.floor(ms / 60_000);
  const d = Math.floor(rest / 1440);
  rest -= d * 1440;
  const h = Math.floor(rest / 60);
  const min = rest - h * 60;
  if (d > 0) parts.push(`${d}d`);
  if (h > 0) parts.push(`${h}h`);
  if (min > 0 && d === 0) parts.push(`${min}m`);
  return parts.slice(0, 2).join(' ');
}
