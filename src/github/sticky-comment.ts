/**
 * One comment per pull request and track set, found again by a hidden marker and its author,
 * updated in place. Creating is the only step two runs can race on, so after creating we look
 * again: the oldest of our marked comments wins, later duplicates are deleted, and the winner
 * carries the newest body. A retried POST that had in fact succeeded is just such a duplicate.
 */
import { isRetryableStatus, SnapbackError, TransientError } from '../errors.js';

export interface IssueComment {
  id: number;
  body: string;
  login: string;
  isBot: boolean;
}

/** The few calls a sticky comment needs; the GitHub adapter implements them. */
export interface CommentsApi {
  list(issue: number): Promise<IssueComment[]>;
  create(issue: number, body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<void>;
  remove(id: number): Promise<void>;
  /** Whose comments are ours: a login, or undefined when the token cannot tell (then: bots). */
  selfLogin(): Promise<string | undefined>;
}

export interface StickyResult {
  /** The comment that carries the body now; null when there is none (skipped or deleted). */
  id: number | null;
  operation: 'created' | 'updated' | 'unchanged' | 'deleted' | 'skipped';
}

/**
 * What to do with the comment: `always` creates or updates it; `update-only` never creates one,
 * only keeps an existing one current; `changes-only` writes it only while there are changes and
 * deletes it once there are none; `off` leaves comments alone.
 */
export const COMMENT_MODES = ['always', 'update-only', 'changes-only', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface StickyOptions {
  mode: Exclude<CommentMode, 'off'>;
  /** False when the body reports no differences at all. */
  hasChanges: boolean;
  /** Whether an existing body already says the same (default: equal text). */
  same?: (existing: string, next: string) => boolean;
}

export function markerFor(kind: string, tracks: readonly string[]): string {
  return `<!-- snapback:${kind} tracks=${[...tracks].sort().join(',')} -->`;
}

export async function upsertStickyComment(
  api: CommentsApi,
  issue: number,
  marker: string,
  body: string,
  opts: StickyOptions = { mode: 'always', hasChanges: true },
): Promise<StickyResult> {
  const self = await api.selfLogin();
  const ours = async () =>
    (await api.list(issue))
      .filter((c) => c.body.startsWith(marker) && (self ? c.login === self : c.isBot))
      .sort((a, b) => a.id - b.id);
  const same = opts.same ?? ((a: string, b: string) => a === b);

  const existing = await ours();
  if (opts.mode === 'changes-only' && !opts.hasChanges) {
    // Nothing differs any more: an old comment would only mislead.
    for (const c of existing) await api.remove(c.id).catch(ignoreGone);
    return { id: null, operation: existing.length > 0 ? 'deleted' : 'skipped' };
  }
  if (existing.length > 0) {
    const [keep, ...dupes] = existing as [IssueComment, ...IssueComment[]];
    for (const d of dupes) await api.remove(d.id).catch(ignoreGone);
    if (same(keep.body, body)) return { id: keep.id, operation: 'unchanged' };
    await api.update(keep.id, body);
    return { id: keep.id, operation: 'updated' };
  }
  if (opts.mode === 'update-only') return { id: null, operation: 'skipped' };

  const created = await createOnce(api, issue, body, ours);
  const after = await ours();
  const winner = after[0] ?? created;
  for (const c of after.slice(1)) await api.remove(c.id).catch(ignoreGone);
  if (winner.id !== created.id) {
    await api.update(winner.id, body);
    return { id: winner.id, operation: 'updated' };
  }
  return { id: created.id, operation: 'created' };
}

/**
 * A POST whose answer is lost may still have created the comment, so it is never simply sent
 * again: after a transient failure we look first, and only create when nothing is there.
 */
async function createOnce(
  api: CommentsApi,
  issue: number,
  body: string,
  ours: () => Promise<IssueComment[]>,
): Promise<IssueComment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.create(issue, body);
    } catch (e) {
      if (attempt >= 3 || !isTransient(e)) throw e;
      const landed = (await ours())[0];
      if (landed) return landed;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}

/** Server trouble (5xx, a timeout, rate limiting, a dropped connection) rather than a refusal. */
export function isTransient(e: unknown): boolean {
  // Our own errors were judged already (a permission, a setting): never worth a retry.
  if (e instanceof SnapbackError) return e instanceof TransientError;
  const status = (e as { status?: number }).status;
  return status === undefined || isRetryableStatus(status);
}

/** Another run may have deleted the same duplicate first. */
function ignoreGone(e: unknown): void {
  if ((e as { status?: number }).status !== 404) throw e;
}
