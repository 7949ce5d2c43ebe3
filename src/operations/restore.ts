/**
 * `restore`: a version's files into the work tree of this clone, exactly (see
 * commands/restore.ts for the checks made before anything is written).
 */
import { restore, type RestoreResult } from '../commands/restore.js';
import type { DiffTrack } from '../commands/diff.js';
import { NO_POLICIES, parseBoolean, resolveDiffTracks, type TrackInputs } from '../inputs.js';
import { InputError } from '../errors.js';
import { printable } from '../core/track-name.js';
import { defineOperation } from './types.js';
import { DRY_RUN, TRACK_OPTIONS } from './options.js';

interface RestoreOpOptions {
  track: DiffTrack;
  includeWorkflows: boolean;
  version: string;
  dryRun: boolean;
  force: boolean;
}

/** What says which files the track holds; sizes and metrics only matter when recording. */
const RESTORE_TRACK_OPTIONS = new Set(['track', 'paths', 'config', 'include-workflows']);

const MARK = { add: 'A', modify: 'M', delete: 'D' } as const;

export const restoreOperation = defineOperation<RestoreOpOptions, RestoreResult>({
  name: 'restore',
  summary: "put a version's files into the work tree exactly (--dry-run lists the changes)",
  hosts: ['cli'],
  options: [
    {
      name: 'version',
      doc: 'the version: number, alias, production@{1}, latest, previous or semver range',
      positional: 'selector',
    },
    ...TRACK_OPTIONS.filter((o) => RESTORE_TRACK_OPTIONS.has(o.name)),
    { ...DRY_RUN, doc: 'list what would change, write nothing' },
    {
      name: 'force',
      doc: 'overwrite or delete files whose changes are saved nowhere',
      type: 'boolean',
    },
  ],

  async parse(inputs, env) {
    // Retention, promotion and drift settings play no part in a restore: none are offered.
    const raw: TrackInputs = {
      track: inputs.get('track'),
      paths: inputs.get('paths'),
      config: inputs.get('config'),
      maxFileSize: '',
      metrics: '',
      includeWorkflows: inputs.get('include-workflows'),
      policies: NO_POLICIES,
    };
    const tracks = await resolveDiffTracks(raw, env.workspace);
    const named = (raw.track.trim() || 'default') !== 'default';
    if (tracks.length !== 1 && !named) {
      throw new InputError(
        'track',
        `restore works on one track, and the config file declares ${tracks.length}.`,
        'Name the track to restore with --track.',
      );
    }
    const version = inputs.get('version').trim();
    if (!version) {
      throw new InputError(
        'version',
        'is required: which version to restore.',
        'Give a version number, an alias (active, production…), production@{1}, latest, previous or a semver range, e.g. `snapback restore 3 --track conf`.',
      );
    }
    const track = tracks[0]!;
    return {
      track,
      includeWorkflows:
        track.patterns?.workflows ?? parseBoolean(raw.includeWorkflows ?? '', 'include-workflows'),
      version,
      dryRun: parseBoolean(inputs.get('dry-run'), 'dry-run'),
      force: parseBoolean(inputs.get('force'), 'force'),
    };
  },

  async run(env, opts) {
    const git = await env.openGit();
    return restore(
      { git, log: (m) => env.log(m) },
      {
        track: opts.track.name,
        patterns: opts.track.patterns,
        includeWorkflows: opts.includeWorkflows,
        version: opts.version,
        dryRun: opts.dryRun,
        force: opts.force,
      },
    );
  },

  text(r, _opts, style) {
    const what = `${r.track} v${r.target.version}${r.target.label ? ` (${printable(r.target.label)})` : ''}`;
    const n = r.changes.length;
    const head =
      n === 0
        ? `${what}: the work tree already holds this version's files.`
        : r.dryRun
          ? `${what}: restoring would change ${n} file${n === 1 ? '' : 's'}; nothing written (dry run).`
          : `${what}: restored, ${n} file${n === 1 ? '' : 's'} changed.`;
    const unsaved = new Set(r.unsaved);
    const lines = r.changes.map(
      (c) =>
        `  ${MARK[c.action]} ${printable(c.path, 300)}${unsaved.has(c.path) ? style.warn(r.dryRun ? '  (unsaved changes: needs --force)' : '  (unsaved changes overwritten)') : ''}`,
    );
    return `${[head, ...lines].join('\n')}\n`;
  },
});
