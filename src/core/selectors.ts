/**
 * Version selectors, as users write them in `from`, `to` and `version`: a number, `latest`,
 * `previous`, `worktree`, an alias, a semver range, or any commit-ish. Pure: the data they are
 * resolved against (versions, aliases, labels) is handed in.
 */
import semver from 'semver';
import { InputError } from '../errors.js';
import { isValidTrackName, printable } from './track-name.js';
import { aliasPositions } from './alias-history.js';
import type { NoteEvent } from './notes-format.js';

export type Selector =
  | { kind: 'version'; n: number }
  | { kind: 'latest' }
  | { kind: 'previous' }
  | { kind: 'worktree' }
  /** `production@{1}`: where an alias pointed `back` moves ago (0: now). */
  | { kind: 'alias-history'; alias: string; back: number }
  /** An alias, a semver range or a commit-ish: which one depends on what exists. */
  | { kind: 'name'; text: string };

const SAFE_NAME = /^[A-Za-z0-9^~<>=*][A-Za-z0-9._\-/@^~<>=|*+ ]{0,199}$/;

const HINT =
  "Use a version number (3), latest, previous, worktree, an alias (active, production…), an alias's earlier position (production@{1}), a semver range (^1.2) or a commit (a sha, a branch, a tag).";

const HISTORY_HINT =
  'Write <alias>@{<n>}: production@{0} is where production points now, production@{1} where it pointed before its last move, production@{2} the move before that.';

/** `alias@{n}`; anything else containing `@{` is a mistake to name, not a commit to look for. */
function parseAliasHistory(text: string, input: string): Selector {
  const m = /^(.*)@\{(.*)\}$/s.exec(text);
  const alias = m?.[1] ?? '';
  const back = m?.[2] ?? '';
  if (!m || !isValidTrackName(alias) || /^v?[0-9]+$/.test(alias)) {
    throw new InputError(
      input,
      `'${printable(text)}' is not an alias history selector: it needs an alias name before @{…}.`,
      HISTORY_HINT,
    );
  }
  if (!/^[0-9]{1,6}$/.test(back)) {
    throw new InputError(
      input,
      `'${printable(text)}': @{${printable(back, 20)}} is not a number of moves back (dates are not supported).`,
      HISTORY_HINT,
    );
  }
  return { kind: 'alias-history', alias, back: Number(back) };
}

export function parseSelector(raw: string, input: string): Selector {
  const text = raw.trim();
  // Digits, with or without a `v`, always mean a version number: `0` or a 20-digit number is a
  // mistake to name, not a semver range (`0` would read as <1.0.0) or a commit to look for.
  const digits = /^v?([0-9]+)$/.exec(text)?.[1];
  if (digits !== undefined) {
    const n = Number(digits);
    if (n >= 1 && Number.isSafeInteger(n)) return { kind: 'version', n };
    throw new InputError(
      input,
      `'${printable(text)}' is not a version number: versions are numbered 1, 2, 3….`,
      HINT,
    );
  }
  if (text === 'latest' || text === 'previous' || text === 'worktree') return { kind: text };
  if (text.includes('@{')) return parseAliasHistory(text, input);
  // Selectors arrive from dispatch forms and PR events: refuse anything git could read as an
  // option or that carries control characters, before it reaches any command.
  if (!SAFE_NAME.test(text) || text.includes('..') || text.startsWith('-')) {
    throw new InputError(input, `'${printable(text)}' is not a version selector.`, HINT);
  }
  return { kind: 'name', text };
}

export interface TrackIndex {
  track: string;
  /** Version number → snapshot commit. */
  versions: ReadonlyMap<number, string>;
  /** Alias name → snapshot commit. */
  aliases: ReadonlyMap<string, string>;
}

export type Resolved =
  | { kind: 'version'; n: number; oid: string; via: string }
  | { kind: 'worktree' }
  | { kind: 'commit'; rev: string }
  | { kind: 'empty'; why: string };

export function sortedVersions(index: TrackIndex): number[] {
  return [...index.versions.keys()].sort((a, b) => a - b);
}

/** "1, 2, 3 … 40 (latest 40); aliases: active → v38" for error messages. */
export function describeVersions(index: TrackIndex): string {
  const all = sortedVersions(index);
  if (all.length === 0) return `Track '${index.track}' has no versions yet.`;
  const shown = all.length > 12 ? [...all.slice(0, 3), '…', ...all.slice(-8)] : all;
  const byOid = new Map([...index.versions].map(([n, oid]) => [oid, n]));
  const aliases = [...index.aliases].map(([a, oid]) => `${a} → v${byOid.get(oid) ?? '?'}`);
  return `Versions of '${index.track}': ${shown.join(', ')} (latest ${all[all.length - 1]})${aliases.length ? `; aliases: ${aliases.join(', ')}` : ''}.`;
}

function version(index: TrackIndex, n: number, via: string, input: string): Resolved {
  const oid = index.versions.get(n);
  if (!oid) throw new InputError(input, `version ${n} does not exist.`, describeVersions(index));
  return { kind: 'version', n, oid, via };
}

export interface ResolveContext {
  input: string;
  /** For `previous`: the other side's version; null when the other side is not a version. */
  relativeTo?: number | null | undefined;
  /**
   * The labels of the versions asked for (those without a label left out); asked only when a
   * semver range needs them, newest versions first, a batch at a time.
   */
  labels?: (versions: readonly number[]) => Promise<ReadonlyMap<number, string>>;
  /** Whether a name is a commit-ish here (the caller asks git). */
  isCommit?: (rev: string) => Promise<boolean>;
  /** The track's promoted/demoted events, loaded only when an `alias@{n}` selector needs them. */
  aliasEvents?: () => Promise<readonly NoteEvent[]>;
}

export async function resolveSelector(
  sel: Selector,
  index: TrackIndex,
  ctx: ResolveContext,
): Promise<Resolved> {
  const all = sortedVersions(index);
  const latest = all[all.length - 1];
  switch (sel.kind) {
    case 'version':
      return version(index, sel.n, `v${sel.n}`, ctx.input);
    case 'worktree':
      return { kind: 'worktree' };
    case 'latest':
      if (latest === undefined)
        throw new InputError(
          ctx.input,
          `'latest' has nothing to point at.`,
          describeVersions(index),
        );
      return version(index, latest, 'latest', ctx.input);
    case 'previous': {
      // The one before the other side: before version N, or (other side not a version) the
      // latest itself; standing alone, the one before the latest.
      const anchor = ctx.relativeTo === null ? undefined : (ctx.relativeTo ?? latest);
      const prev = anchor === undefined ? latest : all.filter((n) => n < anchor).pop();
      if (prev === undefined) {
        throw new InputError(
          ctx.input,
          `there is no version before ${anchor === undefined ? 'the work tree' : `v${anchor}`}.`,
          describeVersions(index),
        );
      }
      return version(index, prev, 'previous', ctx.input);
    }
    case 'alias-history':
      return resolveAliasHistory(sel, index, ctx);
    case 'name': {
      const aliased = index.aliases.get(sel.text);
      if (aliased) {
        const n = [...index.versions].find(([, oid]) => oid === aliased)?.[0];
        if (n === undefined) {
          throw new InputError(
            ctx.input,
            `alias '${sel.text}' points at a commit that is not a version of '${index.track}'.`,
            describeVersions(index),
          );
        }
        return { kind: 'version', n, oid: aliased, via: sel.text };
      }
      // The newest version whose label satisfies the range: the highest version number (the
      // one recorded last), not the highest label nor the first match.
      const range = /[~^<>=*xX| ]|^\d+(\.\d+){0,2}$/.test(sel.text)
        ? semver.validRange(sel.text)
        : null;
      if (range && ctx.labels) {
        const match = await newestSatisfying(all, range, ctx.labels);
        if (match === undefined) {
          throw new InputError(
            ctx.input,
            `no version's label satisfies '${sel.text}'.`,
            describeVersions(index),
          );
        }
        return version(index, match, sel.text, ctx.input);
      }
      if (ctx.isCommit && (await ctx.isCommit(sel.text))) return { kind: 'commit', rev: sel.text };
      throw new InputError(
        ctx.input,
        `'${printable(sel.text)}' is not a version, alias, semver range or commit of track '${index.track}'.`,
        describeVersions(index),
      );
    }
  }
}

/** How many labels the first batch of a range search reads; each next batch reads 4× more. */
export const FIRST_LABEL_BATCH = 32;

/**
 * The newest version (highest number) whose label satisfies the range. Labels are read newest
 * first in growing batches and the search stops at the first batch holding a match, so a range
 * that matches a recent version reads a few notes however long the track is.
 */
async function newestSatisfying(
  all: readonly number[],
  range: string,
  labels: NonNullable<ResolveContext['labels']>,
): Promise<number | undefined> {
  let end = all.length;
  for (let batch = FIRST_LABEL_BATCH; end > 0; batch *= 4) {
    const start = Math.max(0, end - batch);
    const slice = all.slice(start, end);
    const got = await labels(slice);
    for (let i = slice.length - 1; i >= 0; i--) {
      const n = slice[i]!;
      const label = got.get(n);
      if (label !== undefined && semver.valid(label) !== null && semver.satisfies(label, range))
        return n;
    }
    end = start;
  }
  return undefined;
}

async function resolveAliasHistory(
  sel: { alias: string; back: number },
  index: TrackIndex,
  ctx: ResolveContext,
): Promise<Resolved> {
  const text = `${sel.alias}@{${sel.back}}`;
  const byOid = new Map([...index.versions].map(([n, oid]) => [oid, n]));
  const now = index.aliases.get(sel.alias);
  const current = now === undefined ? null : (byOid.get(now) ?? null);
  if (now !== undefined && current === null) {
    throw new InputError(
      ctx.input,
      `alias '${sel.alias}' points at a commit that is not a version of '${index.track}'.`,
      describeVersions(index),
    );
  }
  const events = sel.back === 0 || !ctx.aliasEvents ? [] : await ctx.aliasEvents();
  const positions = aliasPositions(index.track, sel.alias, events, current);
  if (positions.length === 1 && positions[0] === null) {
    throw new InputError(
      ctx.input,
      `track '${index.track}' has no alias '${sel.alias}' and no record of one.`,
      describeVersions(index),
    );
  }
  if (sel.back >= positions.length) {
    const oldest = positions.length - 1;
    throw new InputError(
      ctx.input,
      `'${text}' goes back further than the alias's recorded history: '${sel.alias}' has moved ${oldest} time${oldest === 1 ? '' : 's'}, so ${sel.alias}@{${oldest}} is the oldest position known.`,
      HISTORY_HINT,
    );
  }
  const n = positions[sel.back];
  if (n === null || n === undefined) {
    throw new InputError(
      ctx.input,
      `'${sel.alias}' did not exist at '${text}' (${sel.back === 0 ? 'it has been removed' : 'before it was created, or after it was removed'}).`,
      `Its positions, newest first: ${positions.map((p) => (p === null ? 'none' : `v${p}`)).join(', ')}.`,
    );
  }
  if (!index.versions.has(n)) {
    throw new InputError(
      ctx.input,
      `'${text}' is v${n}, which no longer exists (pruned).`,
      describeVersions(index),
    );
  }
  return version(index, n, text, ctx.input);
}
