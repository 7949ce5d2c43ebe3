/** Options of the commands that read or repair the registry (list, show, export, verify…). */
import { parseBoolean } from '../inputs.js';
import { assertTrackName } from '../core/track-name.js';
import type { Host, Inputs, OptionSpec } from './types.js';

export const TRACKS: OptionSpec = {
  name: 'track',
  doc: 'only these tracks (comma-separated; default: every track)',
  placeholder: 'name',
};

export const ONE_TRACK: OptionSpec = {
  name: 'track',
  doc: "the track (default: the registry's only track)",
  placeholder: 'name',
};

export const SELECTOR: OptionSpec = {
  name: 'version',
  doc: 'the version: number, latest (default), previous, alias, alias@{n} or semver range',
  positional: 'selector',
};

/**
 * The tracks named, each checked; undefined when none is (every track). The Action's `track`
 * input defaults to `default`, which there means "every track", as it does for status.
 */
export function tracksOf(inputs: Inputs, host: Host): string[] | undefined {
  const names = inputs.list('track').map((t) => assertTrackName(t));
  if (host === 'action' && names.length === 1 && names[0] === 'default') return undefined;
  return names.length > 0 ? names : undefined;
}

/** One track, checked; undefined when not named. */
export function trackOf(inputs: Inputs): string | undefined {
  const name = inputs.get('track').trim();
  return name ? assertTrackName(name) : undefined;
}

export function flag(inputs: Inputs, name: string): boolean {
  return parseBoolean(inputs.get(name), name);
}
