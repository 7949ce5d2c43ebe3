/**
 * The rollback pull request: one per track, on the branch `snapback/rollback/<track>`. Found
 * again by its head branch, so a second dispatch updates it instead of opening another. Creating
 * is never blindly retried: a POST whose answer was lost may have created the pull request, so
 * we look it up before trying again.
 */
import { isTransient } from './sticky-comment.js';

export interface PullRequest {
  number: number;
  url: string;
  draft: boolean;
  /** What it shows now, when read back from GitHub: a dispatch changes only what differs. */
  current?: {
    title: string;
    body: string;
    labels: readonly string[];
    assignees: readonly string[];
    reviewers: readonly string[];
  };
}

/** The calls a rollback pull request needs; the GitHub adapter implements them. */
export interface PullsApi {
  /** The open pull request from `branch` (of this repository) into `base`, if any. */
  findOpen(branch: string, base: string): Promise<PullRequest | undefined>;
  create(p: {
    title: string;
    body: string;
    head: string;
    base: string;
    draft: boolean;
  }): Promise<PullRequest>;
  update(number: number, p: { title: string; body: string }): Promise<void>;
  close(number: number): Promise<void>;
  comment(number: number, body: string): Promise<void>;
  addLabels(number: number, labels: readonly string[]): Promise<void>;
  addAssignees(number: number, logins: readonly string[]): Promise<void>;
  requestReviewers(number: number, logins: readonly string[]): Promise<void>;
}

export interface PullSpec {
  branch: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
  labels: readonly string[];
  assignees: readonly string[];
  reviewers: readonly string[];
}

export interface PullOutcome {
  pull: PullRequest;
  /** `unchanged`: it already said all of this; nothing was written. */
  operation: 'created' | 'updated' | 'unchanged';
  /** Extras (labels, assignees, reviewers) GitHub refused; the pull request stands. */
  warnings: string[];
}

const CREATE_ATTEMPTS = 3;

export async function openOrUpdatePull(api: PullsApi, spec: PullSpec): Promise<PullOutcome> {
  const existing = await api.findOpen(spec.branch, spec.base);
  let pull: PullRequest;
  let operation: PullOutcome['operation'];
  if (existing) {
    pull = existing;
    const now = existing.current;
    if (now && now.title === spec.title && now.body === spec.body) {
      operation = 'unchanged';
    } else {
      await api.update(existing.number, { title: spec.title, body: spec.body });
      operation = 'updated';
    }
  } else {
    pull = await createOnce(api, spec);
    operation = 'created';
  }
  // Only what is missing: adding a label again is a write, and a second dispatch that has
  // nothing new to say writes nothing.
  const missing = (wanted: readonly string[], has: readonly string[] | undefined) => {
    const present = new Set((has ?? []).map((x) => x.toLowerCase()));
    return wanted.filter((x) => !present.has(x.toLowerCase()));
  };
  const labels = missing(spec.labels, pull.current?.labels);
  const assignees = missing(spec.assignees, pull.current?.assignees);
  const reviewers = missing(spec.reviewers, pull.current?.reviewers);
  const warnings: string[] = [];
  const extra = async (what: string, list: readonly string[], call: () => Promise<void>) => {
    if (list.length === 0) return;
    try {
      await call();
    } catch (e) {
      warnings.push(`Could not add ${what} ${list.join(', ')}: ${(e as Error).message}`);
    }
  };
  await extra('labels', labels, () => api.addLabels(pull.number, labels));
  await extra('assignees', assignees, () => api.addAssignees(pull.number, assignees));
  await extra('reviewers', reviewers, () => api.requestReviewers(pull.number, reviewers));
  if (operation === 'unchanged' && labels.length + assignees.length + reviewers.length > 0) {
    operation = 'updated';
  }
  return { pull, operation, warnings };
}

async function createOnce(api: PullsApi, spec: PullSpec): Promise<PullRequest> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
    try {
      return await api.create({
        title: spec.title,
        body: spec.body,
        head: spec.branch,
        base: spec.base,
        draft: spec.draft,
      });
    } catch (e) {
      if (!isTransient(e)) throw e;
      lastError = e;
      // The answer may have been lost after GitHub created it: look before creating again.
      const found = await api.findOpen(spec.branch, spec.base);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  throw lastError;
}

/** Closes the open rollback pull request with a comment saying why; false when there is none. */
export async function closePull(
  api: PullsApi,
  branch: string,
  base: string,
  comment: string,
): Promise<PullRequest | undefined> {
  const existing = await api.findOpen(branch, base);
  if (!existing) return undefined;
  await api.comment(existing.number, comment);
  await api.close(existing.number);
  return existing;
}
