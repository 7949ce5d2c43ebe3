import { InputError } from '../errors.js';

/** Track names become ref path components, so they must be safe as one: no `/`, no `..`. */
const TRACK_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isValidTrackName(name: string): boolean {
  // `..` and a trailing `.lock` or `.` would make an invalid ref component (git check-ref-format).
  return (
    TRACK_NAME.test(name) && !name.includes('..') && !name.endsWith('.lock') && !name.endsWith('.')
  );
}

export function assertTrackName(name: string, input = 'track'): string {
  if (!isValidTrackName(name)) {
    throw new InputError(
      input,
      `'${printable(name)}' is not a valid track name.`,
      'Use 1-64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (for example "config" or "model-head_1").',
    );
  }
  return name;
}

/** Shows a user-supplied value in a message without letting control characters through. */
export function printable(value: string, max = 80): string {
  const clean = value.replace(
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Words that already mean something as version selectors, so no alias may take them. */
const RESERVED_ALIASES = new Set(['latest', 'previous', 'worktree', 'aliases']);

/**
 * Alias names follow the track-name rule (they are one ref component too) and must not read as
 * a version selector: not a number, not `v<number>`, not `latest`/`previous`/`worktree`.
 */
export function assertAliasName(name: string, input = 'alias'): string {
  if (!isValidTrackName(name) || /^v?[0-9]+$/.test(name) || RESERVED_ALIASES.has(name)) {
    throw new InputError(
      input,
      `'${printable(name)}' is not a valid alias name.`,
      'Use 1-64 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit, and not a version selector (a number, v3, latest, previous, worktree). For example: active, staging, production, champion.',
    );
  }
  return name;
}
