// Who is calling and whether their token may do this. GitHub accepts `token X` and `Bearer X`.
// An installation token (GITHUB_TOKEN is one) carries per-permission access; an operation needs
// one of a set of permissions at some level, and otherwise gets GitHub's 403 "Resource not
// accessible by integration", the answer a fork's read-only token gets when it tries to comment.
import type { Access, PermissionName, Store, Token } from './model.js';

export function parseAuthorization(header: string | undefined): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

export type Caller =
  { kind: 'anonymous' } | { kind: 'invalid' } | { kind: 'token'; token: Token; value: string };

export function identify(store: Store, header: string | undefined): Caller {
  if (!header) return { kind: 'anonymous' };
  const value = parseAuthorization(header);
  const token = value === undefined ? undefined : store.tokens.get(value);
  return token && value ? { kind: 'token', token, value } : { kind: 'invalid' };
}

interface Need {
  access: Access;
  /** Any one of these suffices. Issue comments on a pull request work with either permission. */
  anyOf: PermissionName[];
}

const ISSUE_OR_PR: PermissionName[] = ['issues', 'pull-requests'];

/** Operations the fake implements; others need only the implicit metadata: read. */
const NEEDS: Record<string, Need> = {
  'pulls/list': { access: 'read', anyOf: ['pull-requests'] },
  'pulls/get': { access: 'read', anyOf: ['pull-requests'] },
  'pulls/create': { access: 'write', anyOf: ['pull-requests'] },
  'pulls/update': { access: 'write', anyOf: ['pull-requests'] },
  'pulls/request-reviewers': { access: 'write', anyOf: ['pull-requests'] },
  'issues/add-labels': { access: 'write', anyOf: ISSUE_OR_PR },
  'issues/add-assignees': { access: 'write', anyOf: ISSUE_OR_PR },
  'issues/list-comments': { access: 'read', anyOf: ISSUE_OR_PR },
  'issues/get-comment': { access: 'read', anyOf: ISSUE_OR_PR },
  'issues/create-comment': { access: 'write', anyOf: ISSUE_OR_PR },
  'issues/update-comment': { access: 'write', anyOf: ISSUE_OR_PR },
  'issues/delete-comment': { access: 'write', anyOf: ISSUE_OR_PR },
};

const RANK = { none: 0, read: 1, write: 2 } as const;

export function mayCall(token: Token, operationId: string): boolean {
  const need = NEEDS[operationId];
  if (!need) return true;
  return need.anyOf.some((p) => RANK[token.permissions[p] ?? 'none'] >= RANK[need.access]);
}
