// The operations the fake implements, by GitHub's operationId. A request for any other operation
// in the description is still validated, then answered 501 and recorded as a violation, so a
// product calling an endpoint the fake lacks fails loudly instead of passing by accident.
import {
  createComment,
  deleteComment,
  getComment,
  listComments,
  updateComment,
} from './comments.js';
import type { Handler } from './context.js';
import { addAssignees, addLabels, getRepo } from './issues.js';
import { createPull, getPull, listPulls, requestReviewers, updatePull } from './pulls.js';
import { getAuthenticated } from './users.js';

export type { Handler, HandlerContext } from './context.js';

export const HANDLERS: Readonly<Record<string, Handler>> = {
  'users/get-authenticated': getAuthenticated,
  'repos/get': getRepo,
  'pulls/list': listPulls,
  'pulls/get': getPull,
  'pulls/create': createPull,
  'pulls/update': updatePull,
  'pulls/request-reviewers': requestReviewers,
  'issues/add-labels': addLabels,
  'issues/add-assignees': addAssignees,
  'issues/list-comments': listComments,
  'issues/create-comment': createComment,
  'issues/get-comment': getComment,
  'issues/update-comment': updateComment,
  'issues/delete-comment': deleteComment,
};
