/**
 * Auto-promotion while recording: the track's rule judges the new version against the one the
 * alias points at now. The decision is made before the push, so a promotion lands in the same
 * atomic update as the version it promotes.
 */
import { aliasesOf, versionRef, versionsOf } from '../core/refs.js';
import { recordedOf } from '../core/notes-format.js';
import { parseVersionMessage } from '../core/version-meta.js';
import { decidePromotion, type PromotionRule } from '../core/promotion-rule.js';
import type { RegistrySession } from '../registry/session.js';
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
  session: RegistrySession,
  candidate: { track: string; version: number; metrics?: Record<string, unknown> | undefined },
  rule: PromotionRule,
): Promise<PromotionVerdict> {
  const track = candidate.track;
  const state = session.current;
  const held = aliasesOf(track, state.refs).get(rule.alias) ?? null;
  const heldVersion =
    held === null
      ? null
      : ([...versionsOf(track, state.refs)].find(([, oid]) => oid === held)?.[0] ?? null);
  const current =
    held !== null && heldVersion !== null
      ? {
          version: heldVersion,
          metrics: await metricsOf(session, held, heldVersion, track),
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

/** A version's metrics: from its `recorded` note (one note read), else from its commit. */
async function metricsOf(
  session: RegistrySession,
  commit: string,
  version: number,
  track: string,
): Promise<Record<string, unknown> | undefined> {
  const recorded = recordedOf(await session.events(commit), track, version);
  if (recorded) {
    const m = recorded.metrics;
    return m && typeof m === 'object' && !Array.isArray(m)
      ? (m as Record<string, unknown>)
      : undefined;
  }
  const { git } = session;
  if (!(await git.hasObject(commit))) {
    await git.fetchRefs([
      { remote: versionRef(track, version), local: versionRef(track, version) },
    ]);
  }
  return parseVersionMessage((await git.readCommit(commit)).message)?.metrics;
}
