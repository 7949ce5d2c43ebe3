/**
 * The registry's invariants, as `verify` checks them. Pure: the refs, what could be read of
 * each snapshot commit and the notes index are handed in; every broken invariant becomes one
 * problem naming the ref or version and what is wrong with it.
 */
import { VERSIONS_PREFIX } from './refs.js';
import type { NoteEvent } from './notes-format.js';
import { parseVersionMessage } from './version-meta.js';
import { isValidTrackName, printable } from './track-name.js';
import { recordedEventOf } from './version-info.js';

export type ProblemKind =
  | 'stray-ref'
  | 'bad-track-name'
  | 'duplicate-version'
  | 'wrong-trailers'
  | 'unreadable-trailers'
  | 'missing-note'
  | 'note-disagrees'
  | 'unreadable-note-lines'
  | 'dangling-alias'
  | 'missing-objects'
  | 'missing-notes';

export interface Problem {
  kind: ProblemKind;
  /** The ref at fault, when one is. */
  ref?: string | undefined;
  track?: string | undefined;
  version?: number | undefined;
  message: string;
}

/** What could be read of one commit: its message, or why it could not be. */
export type CommitRead = { message: string } | { missing: string };

export interface RegistryFacts {
  /** Every ref under refs/versions/ (of the tracks checked). */
  refs: ReadonlyMap<string, string>;
  /** By oid: the commits the version and alias refs point at. */
  commits: ReadonlyMap<string, CommitRead>;
  /** Readable events of the index, by annotated object. */
  events: ReadonlyMap<string, NoteEvent[]>;
  /** Lines of the index that are not events, by annotated object. */
  badLines: ReadonlyMap<string, number>;
  /** The notes ref: absent, readable, or pointing at something unreadable. */
  notes: 'absent' | 'ok' | { missing: string };
}

type Parsed =
  | { kind: 'version'; track: string; n: number }
  | { kind: 'alias'; track: string; alias: string }
  | { kind: 'stray'; track: string; looksLike?: number };

function parseRef(ref: string): Parsed {
  const [track = '', ...rest] = ref.slice(VERSIONS_PREFIX.length).split('/');
  const tail = rest.join('/');
  if (/^[1-9][0-9]{0,15}$/.test(tail)) return { kind: 'version', track, n: Number(tail) };
  if (rest.length === 2 && rest[0] === 'aliases' && rest[1]) {
    return { kind: 'alias', track, alias: rest[1] };
  }
  // `03`, `v3`, `3.0`: someone meant a number; say which.
  const digits = /^v?0*([0-9]{1,15})(\.0+)?$/.exec(tail)?.[1];
  return digits !== undefined && Number(digits) > 0
    ? { kind: 'stray', track, looksLike: Number(digits) }
    : { kind: 'stray', track };
}

export function checkRegistry(facts: RegistryFacts): Problem[] {
  const problems: Problem[] = [];
  const versions = new Map<string, Map<number, string>>(); // track → n → oid
  const aliases: { ref: string; track: string; alias: string; oid: string }[] = [];
  const badTracks = new Set<string>();
  for (const [ref, oid] of [...facts.refs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const p = parseRef(ref);
    if (!isValidTrackName(p.track) && !badTracks.has(p.track)) {
      badTracks.add(p.track);
      problems.push({
        kind: 'bad-track-name',
        ref,
        message: `${printable(ref, 200)}: '${printable(p.track)}' is not a valid track name (lowercase letters, digits, '.', '_', '-').`,
      });
    }
    if (p.kind === 'version') {
      const of = versions.get(p.track) ?? new Map<number, string>();
      of.set(p.n, oid);
      versions.set(p.track, of);
    } else if (p.kind === 'alias') {
      aliases.push({ ref, track: p.track, alias: p.alias, oid });
    } else {
      const meant =
        p.looksLike !== undefined
          ? ` It looks like version ${p.looksLike}, but version refs are refs/versions/${printable(p.track)}/<N> without leading zeros or letters.`
          : '';
      problems.push({
        kind: 'stray-ref',
        ref,
        track: p.track,
        message: `${printable(ref, 200)} is neither a numbered version nor an alias.${meant}`,
      });
    }
  }

  for (const [track, of] of [...versions].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const claimed = new Map<number, number[]>(); // version in trailers → refs' numbers
    const byOid = new Map<string, number[]>();
    for (const [n, oid] of [...of].sort(([a], [b]) => a - b)) {
      const ref = `${VERSIONS_PREFIX}${track}/${n}`;
      byOid.set(oid, [...(byOid.get(oid) ?? []), n]);
      const read = facts.commits.get(oid);
      if (!read || 'missing' in read) {
        problems.push({
          kind: 'missing-objects',
          ref,
          track,
          version: n,
          message: `${ref}: the snapshot commit ${oid.slice(0, 12)} or its files cannot be read${read && 'missing' in read ? ` (${read.missing})` : ''}.`,
        });
        continue;
      }
      const meta = parseVersionMessage(read.message);
      if (!meta) {
        problems.push({
          kind: 'unreadable-trailers',
          ref,
          track,
          version: n,
          message: `${ref}: commit ${oid.slice(0, 12)} has no readable snapback trailers (track, version, source-commit).`,
        });
      } else {
        claimed.set(meta.version, [...(claimed.get(meta.version) ?? []), n]);
        if (meta.track !== track || meta.version !== n) {
          problems.push({
            kind: 'wrong-trailers',
            ref,
            track,
            version: n,
            message: `${ref}: its commit's trailers say ${printable(meta.track)} v${meta.version}.`,
          });
        }
      }
      const recorded = recordedEventOf(facts.events.get(oid), track, n);
      if (!recorded) {
        problems.push({
          kind: 'missing-note',
          ref,
          track,
          version: n,
          message: `${ref}: the notes index has no 'recorded' event for ${track} v${n} on ${oid.slice(0, 12)} (snapback reindex rebuilds it).`,
        });
      } else if (meta && typeof recorded.label === 'string' && recorded.label !== meta.label) {
        problems.push({
          kind: 'note-disagrees',
          ref,
          track,
          version: n,
          message: `${ref}: the index labels it '${printable(recorded.label)}', its trailers '${printable(meta.label)}'.`,
        });
      }
    }
    for (const [n, refs] of claimed) {
      if (refs.length > 1) {
        problems.push({
          kind: 'duplicate-version',
          track,
          version: n,
          message: `${track}: refs ${refs.map((r) => `${VERSIONS_PREFIX}${track}/${r}`).join(', ')} all hold a commit recorded as v${n}.`,
        });
      }
    }
    for (const [oid, ns] of byOid) {
      if (ns.length > 1) {
        problems.push({
          kind: 'duplicate-version',
          track,
          message: `${track}: versions ${ns.map((x) => `v${x}`).join(', ')} are the same commit ${oid.slice(0, 12)}; a version is recorded once.`,
        });
      }
    }
  }

  for (const a of aliases) {
    const held = [...(versions.get(a.track) ?? [])].find(([, oid]) => oid === a.oid);
    if (!held) {
      problems.push({
        kind: 'dangling-alias',
        ref: a.ref,
        track: a.track,
        message: `${printable(a.ref, 200)} points at ${a.oid.slice(0, 12)}, which is no version of '${printable(a.track)}'.`,
      });
    }
  }

  if (typeof facts.notes === 'object') {
    problems.push({
      kind: 'missing-notes',
      ref: 'refs/notes/versions',
      message: `refs/notes/versions cannot be read (${facts.notes.missing}). Delete it (git push origin :refs/notes/versions), then snapback reindex rebuilds it from the trailers.`,
    });
  }
  for (const [object, count] of facts.badLines) {
    problems.push({
      kind: 'unreadable-note-lines',
      message: `The note on ${object.slice(0, 12)} has ${count} line${count === 1 ? '' : 's'} that ${count === 1 ? 'is' : 'are'} not an event (JSON with event, track and version).`,
    });
  }
  return problems;
}
