/**
 * Auto-promotion while recording: the track's rule judges the new version against the one the
 * alias points at now. The decision is made before the push, so a promotion lands in the same
 * atomic update as the version it promotes.
 */
import type { Git } from '../git/git.js';
import { aliasesOf, versionRef, versionsOf } from '../core/refs.js';
import { parseNote } from '../core/notes-format.js';
import { parseVersionMessage } from '../core/version-meta.js';
import { decidePromotion, type PromotionRule } from '../core/promotion-rule.js';
import type { RegistryState } from './record-rollback.js';
import type { PromotionOutcome } from './record.js';

export interface PromotionVerdict extends PromotionOutcome {
  /** The alias ref's value now (null: it does not exist), for the compare-and-swap. */
  expected: string | null;
}

/**
 * Applies the track's promotion rule to a version about to be recorded, against the version the
 * alias points at now (its metrics from the notes index, else from its commit's trailers).
 */
export async function judgePromotion(
  git: Git,
  state: RegistryState,
  candidate: { track: string; version: number; metrics?: Record<string, unknown> | undefined },
  rule: PromotionRule,
): Promise<PromotionVerdict> {
  const track = candidate.track;
  const held = aliasesOf(track, state.refs).get(rule.alias) ?? null;
  const heldVersion =
    held === null
      ? null
      : ([...versionsOf(track, state.refs)].find(([, oid]) => oid === held)?.[0] ?? null);
  const current =
    held !== null && heldVersion !== null
      ? {
          version: heldVersion,
          metrics: await metricsOf(git, state.notesBase, held, heldVersion, track),
        }
      : undefined;
  const decision = decidePromotion(
    rule,
    { version: candidate.version, metrics: candidate.metrics },
    current,
    candidate.version === 1,
  );
  return {
    alias: rule.alias,
    promoted: decision.promote,
    reason: decision.reason,
    from: heldVersion,
    expected: held,
  };
}

/** A version's metrics: from its `recorded` note, else from its commit (fetched if need be). */
async function metricsOf(
  git: Git,
  notes: string | null,
  commit: string,
  version: number,
  track: string,
): Promise<Record<string, unknown> | undefined> {
  if (notes) {
    const text = await git.readNote(notes, commit);
    const recorded = text ? parseNote(text).find((e) => e.event === 'recorded') : undefined;
    if (recorded) {
      const m = recorded.metrics;
      return m && typeof m === 'object' && !Array.isArray(m)
        ? (m as Record<string, unknown>)
        : undefined;
    }
  }
  if (!(await git.hasObject(commit))) {
    await git.fetchRefs([
      { remote: versionRef(track, version), local: versionRef(track, version) },
    ]);
  }
  return parseVersionMessage((await git.readCommit(commit)).message)?.metrics;
}
