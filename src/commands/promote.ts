/**
 * `promote` and `demote`: move an alias (`active`, `staging`, `production`…) to a version, or
 * remove it. One atomic request moves the alias from the value we saw, checks that the version
 * still exists (a prune running at the same time cannot leave the alias dangling), and appends
 * the event to the notes, so the promotion history is complete.
 */
import { debug, type Progress } from '../progress.js';
import { InputError } from '../errors.js';
import type { Git } from '../git/git.js';
import { aliasRef, trackPrefix, versionRef } from '../core/refs.js';
import { demotedEvent, promotedEvent, type Actor } from '../core/notes-format.js';
import { describeVersions, parseSelector, resolveSelector } from '../core/selectors.js';
import { retryRaces, trackIndex, versionByCommit } from '../registry/registry.js';
import { RegistrySession } from '../registry/session.js';
import { labelReader } from '../registry/labels.js';
import { lazyTrackEvents } from '../registry/track-events.js';

export interface PromoteOptions {
  track: string;
  /** A selector: number, vN, latest, previous (before the alias's version), alias, semver range. */
  version: string;
  alias: string;
  dryRun: boolean;
  by: Actor;
}

export type AliasOperation = 'promoted' | 'demoted' | 'unchanged' | 'dry-run';

export interface AliasResult {
  track: string;
  alias: string;
  operation: AliasOperation;
  /** The version the alias points at after the command (null: removed or never set). */
  version: number | null;
  /** The version it pointed at before (null: it did not exist). */
  previousVersion: number | null;
  commit: string | null;
}

export interface AliasDeps {
  git: Git;
  log: (message: string) => void;
  /** Decisions, for step debugging. */
  progress?: Progress | undefined;
  now?: () => Date;
}

export async function promote(deps: AliasDeps, opts: PromoteOptions): Promise<AliasResult> {
  const sel = parseSelector(opts.version || 'latest', 'version');
  if (sel.kind === 'worktree') {
    throw new InputError(
      'version',
      `'worktree' is not a version; only recorded versions can be promoted.`,
      'Record the work tree first (command: record), then promote the version it gets.',
    );
  }
  const session = new RegistrySession(deps.git);
  return retryRaces(`promote ${opts.track} to '${opts.alias}'`, deps.log, async () => {
    const view = await session.look({ prefixes: [trackPrefix(opts.track)] });
    const index = trackIndex(opts.track, view.refs);
    const byCommit = versionByCommit(index);
    const held = index.aliases.get(opts.alias);
    const heldVersion = held !== undefined ? (byCommit.get(held) ?? null) : null;
    const target = await resolveSelector(sel, index, {
      input: 'version',
      relativeTo: heldVersion ?? undefined,
      labels: labelReader(deps.git, view.notes, index),
      aliasEvents: lazyTrackEvents(deps.git, view.notes, index),
    });
    if (target.kind !== 'version') {
      throw new InputError(
        'version',
        `'${opts.version}' is not a version of '${opts.track}'.`,
        describeVersions(index),
      );
    }
    const result: AliasResult = {
      track: opts.track,
      alias: opts.alias,
      operation: 'promoted',
      version: target.n,
      previousVersion: heldVersion,
      commit: target.oid,
    };
    debug(
      deps.progress,
      `${opts.track}: '${opts.version || 'latest'}' is v${target.n}; '${opts.alias}' is on ${heldVersion === null ? 'nothing' : `v${heldVersion}`}.`,
    );
    if (held === target.oid) return { ...result, operation: 'unchanged' };
    if (opts.dryRun) return { ...result, operation: 'dry-run' };
    const at = (deps.now ?? (() => new Date()))().toISOString();
    await session.land({
      notesBase: view.notes,
      events: new Map([
        [target.oid, [promotedEvent(opts.track, target.n, opts.alias, heldVersion, at, opts.by)]],
      ]),
      updates: [
        { ref: aliasRef(opts.track, opts.alias), expected: held ?? null, next: target.oid },
        // The version must still exist when the alias lands on it.
        { ref: versionRef(opts.track, target.n), expected: target.oid, next: target.oid },
      ],
      message: `snapback: promote ${opts.track} v${target.n} to ${opts.alias}`,
      haves: [target.oid],
    });
    return result;
  });
}

export interface DemoteOptions {
  track: string;
  alias: string;
  dryRun: boolean;
  by: Actor;
}

export async function demote(deps: AliasDeps, opts: DemoteOptions): Promise<AliasResult> {
  const session = new RegistrySession(deps.git);
  return retryRaces(`remove '${opts.alias}' from ${opts.track}`, deps.log, async () => {
    const view = await session.look({ prefixes: [trackPrefix(opts.track)] });
    const index = trackIndex(opts.track, view.refs);
    const held = index.aliases.get(opts.alias);
    if (held === undefined) {
      const others = [...index.aliases.keys()];
      deps.log(
        `Track '${opts.track}' has no alias '${opts.alias}'${others.length ? ` (its aliases: ${others.join(', ')})` : ''}; nothing to remove.`,
      );
      return {
        track: opts.track,
        alias: opts.alias,
        operation: 'unchanged',
        version: null,
        previousVersion: null,
        commit: null,
      };
    }
    const heldVersion = versionByCommit(index).get(held) ?? null;
    const result: AliasResult = {
      track: opts.track,
      alias: opts.alias,
      operation: opts.dryRun ? 'dry-run' : 'demoted',
      version: null,
      previousVersion: heldVersion,
      commit: null,
    };
    if (opts.dryRun) return result;
    const at = (deps.now ?? (() => new Date()))().toISOString();
    // A version number is needed for the event; an alias on a foreign commit gets version 0.
    await session.land({
      notesBase: view.notes,
      events: new Map([
        [held, [demotedEvent(opts.track, heldVersion ?? 0, opts.alias, at, opts.by)]],
      ]),
      updates: [{ ref: aliasRef(opts.track, opts.alias), expected: held, next: null }],
      message: `snapback: remove ${opts.alias} from ${opts.track}`,
    });
    return result;
  });
}
