/** `status`: versions, aliases and their drift, per track. */
import { join } from 'node:path';
import { status, writeStatusFile, STATUS_VERSIONS, type StatusResult } from '../commands/status.js';
import { resolveRegistryTracks, type RegistryTracks } from '../inputs.js';
import { InputError } from '../errors.js';
import { tracksIn } from '../registry/registry.js';
import { VERSIONS_PREFIX } from '../core/refs.js';
import { formatDuration } from '../core/duration.js';
import { printable } from '../core/track-name.js';
import { renderStatus } from '../report/render-status.js';
import { worstLevel, type DriftLevel } from '../core/drift.js';
import { defineOperation, type ActionMessage } from './types.js';
import { POLICY_OPTIONS, TRACK_OPTIONS, trackInputs } from './options.js';

interface StatusOpOptions {
  named: RegistryTracks;
  /** Versions listed per track (undefined: the command's default). */
  versions: number | 'all' | undefined;
  /** The track was named by `track` (not taken from a config file): it must exist. */
  explicit: string | undefined;
}

export const statusOperation = defineOperation<StatusOpOptions, StatusResult>({
  name: 'status',
  summary: 'versions, aliases and their drift, per track',
  hosts: ['action', 'cli'],
  options: [
    ...TRACK_OPTIONS,
    ...POLICY_OPTIONS,
    {
      name: 'show-versions',
      doc: `status: versions listed per track, newest first (default ${STATUS_VERSIONS}, or all)`,
      placeholder: 'n|all',
    },
  ],
  outputs: ['status-file', 'drifted', 'drift-level', 'lagging-aliases'],

  async parse(inputs, env) {
    const raw = trackInputs(inputs);
    const named = await resolveRegistryTracks(raw, env.workspace);
    const track = raw.track.trim();
    return {
      named,
      explicit: track && track !== 'default' ? track : undefined,
      versions: parseShowVersions(inputs.get('show-versions')),
    };
  },

  async run(env, { named, explicit, versions }) {
    const git = await env.openGit();
    const result = await status(
      { git },
      { tracks: named.names, thresholds: (t) => named.policies(t).drift, versions },
    );
    const shown = result.tracks.find((t) => t.track === explicit);
    if (shown && shown.versions.length === 0 && shown.pruned.length === 0) {
      const known = tracksIn(await git.listRemoteRefs([VERSIONS_PREFIX]));
      throw new InputError(
        'track',
        `'${printable(shown.track, 64)}' has no versions in the registry.`,
        known.length
          ? `Tracks there: ${known.join(', ')}.`
          : 'The registry holds no versions yet; record one first.',
      );
    }
    return result;
  },

  async action(result, _opts, scene) {
    const file = join(scene.tempDir, `snapback-status-${process.pid}-${Date.now()}.json`);
    await writeStatusFile(file, result);
    const messages: ActionMessage[] = [];
    for (const t of result.tracks) {
      for (const a of t.aliases) {
        // Aliases past a failure threshold are named in the step's failure instead.
        if (a.warnings.length === 0 || a.errors?.length) continue;
        messages.push({
          level: 'warning',
          text: `'${a.alias}' of ${t.track} is on v${a.version}, latest is v${a.latest}: ${a.warnings.join('; ')}.`,
          title: 'snapback: alias drift',
        });
      }
      messages.push({
        level: 'info',
        text: `${t.track}: ${t.count ?? t.versions.length} versions (latest ${t.latest === null ? 'none' : `v${t.latest}`}); aliases: ${t.aliases.map((a) => `${a.alias} → v${a.version}`).join(', ') || 'none'}.`,
      });
    }
    const drift = driftOutputs(result);
    return {
      outputs: { 'status-file': file, ...drift.outputs },
      failure: drift.failure,
      messages,
      summary: renderStatus(result, `${scene.serverUrl}/${scene.repository}/actions/runs/`),
    };
  },

  text(result, _opts, style) {
    let out = '';
    for (const t of result.tracks) {
      const count = t.count ?? t.versions.length;
      out += `${style.bold(`${t.track}:`)} ${count} version${count === 1 ? '' : 's'}, latest ${t.latest === null ? 'none' : `v${t.latest}`}\n`;
      for (const a of t.aliases) {
        const drift =
          a.behind === 0 ? 'current' : `${a.behind} behind for ${formatDuration(a.ageMs)}`;
        const warning = a.errors?.length
          ? `  ${style.error(`!! ${a.errors.join('; ')}`)}`
          : a.warnings.length
            ? `  ${style.warn(`! ${a.warnings.join('; ')}`)}`
            : '';
        out += `  ${a.alias} → v${a.version} (${drift})${warning}\n`;
      }
      for (const v of t.versions.slice(-10).reverse()) {
        out += `${`  v${v.version}  ${v.at?.slice(0, 16).replace('T', ' ') ?? '?'}  ${printable(v.label ?? '')}  ${printable(v.actor ?? '')}  ${printable(v.reason ?? '')}`.trimEnd()}\n`;
      }
    }
    return out;
  },

  // Past a failure threshold: the command fails, after printing the status.
  exitCode: (result) => (worstDrift(result) === 'error' ? 1 : 0),
});

function worstDrift(result: StatusResult): DriftLevel {
  return worstLevel(result.tracks.flatMap((t) => t.aliases.map((a) => a.level ?? 'none')));
}

/**
 * Scalars for `if:`: whether an alias passed a threshold and how far (`drift-level`), and which
 * aliases lag their track's latest version at all; and the step's failure when an alias passed
 * a failure threshold (written after the outputs and summary, so both are there to read).
 */
function driftOutputs(result: StatusResult): {
  outputs: Record<string, string>;
  failure: string | undefined;
} {
  const level = worstDrift(result);
  const lagging = result.tracks.flatMap((t) =>
    t.aliases.filter((a) => a.behind > 0).map((a) => `${t.track}/${a.alias}`),
  );
  const failing = result.tracks.flatMap((t) =>
    t.aliases
      .filter((a) => a.errors?.length)
      .map(
        (a) =>
          `'${a.alias}' of ${t.track} is on v${a.version}, latest is v${a.latest}: ${a.errors!.join('; ')}`,
      ),
  );
  return {
    outputs: {
      drifted: String(level !== 'none'),
      'drift-level': level,
      'lagging-aliases': JSON.stringify(lagging),
    },
    failure: failing.length
      ? `Alias drift past the failure thresholds: ${failing.join('. ')}.`
      : undefined,
  };
}

/** `show-versions`: a whole number of at least 1, or `all`; empty: the default. */
export function parseShowVersions(text: string): number | 'all' | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (v.toLowerCase() === 'all') return 'all';
  if (/^[1-9][0-9]{0,8}$/.test(v)) return Number(v);
  throw new InputError(
    'show-versions',
    `'${printable(v, 40)}' is not a whole number of at least 1, nor 'all'.`,
    `Give how many of each track's newest versions to list (default ${STATUS_VERSIONS}), or all.`,
  );
}
