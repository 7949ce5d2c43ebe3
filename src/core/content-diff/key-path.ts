import type { PathSegments } from './types.js';

/**
 * Keys printed bare. Hyphens are allowed on top of identifier characters because config keys
 * such as `max-tokens` are common and a hyphen cannot be mistaken for `.` or `[`. Everything
 * else (dots, brackets, spaces, quotes, empty keys, a leading digit…) is quoted.
 */
const PLAIN_KEY = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;

/** Shown for a change of the whole document (its empty path) in a single-document file. */
export const ROOT_LABEL = '(root)';

/**
 * `['llm', 'model']` → `llm.model`, `['servers', 2, 'port']` → `servers[2].port`,
 * `['a', 'x.y', 'z']` → `a["x.y"].z` (JSON string escaping inside the brackets).
 * The root (no segments) is `""`; callers show it as `(root)`.
 */
export function formatKeyPath(segments: PathSegments): string {
  return appendKeyPath('', segments);
}

/** Like formatKeyPath, continuing after `prefix` (the multi-document prefix `[doc 2]`). */
export function appendKeyPath(prefix: string, segments: PathSegments): string {
  let out = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Multi-document YAML: documents are numbered from 1 in the order they appear, and the number
 * leads the path as `[doc 2]`, e.g. `[doc 2].spec.replicas`. The space keeps it apart from an
 * array index (`[2]`) and from a quoted key (`["doc 2"]`).
 */
export function documentPrefix(index: number): string {
  return `[doc ${index + 1}]`;
}
