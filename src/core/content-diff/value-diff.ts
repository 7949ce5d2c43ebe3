import { diffArrayElements } from './array-diff.js';
import type { ChangeList } from './change-list.js';
import { isRecord, shapeOf } from './values.js';
import type { PathSegments } from './types.js';

/**
 * Records how `after` differs from `before` at `path`, to any depth.
 * A change of shape (mapping, array, scalar) is one `changed` entry at that path; a key or
 * element that appears or disappears is one entry carrying its whole value, not one per leaf.
 */
export function diffValues(
  before: unknown,
  after: unknown,
  path: PathSegments,
  out: ChangeList,
): void {
  // Identical references are common with YAML aliases and cost nothing to skip.
  if (before === after) return;
  const shape = shapeOf(before);
  if (shape !== shapeOf(after)) {
    out.changed(path, before, after);
  } else if (shape === 'array') {
    diffArrayElements(before as unknown[], after as unknown[], path, out, diffValues);
  } else if (shape === 'object') {
    diffMappings(before as Record<string, unknown>, after as Record<string, unknown>, path, out);
  } else {
    out.changed(path, before, after);
  }
}

/**
 * Keys are reported in the old version's order (removed or compared), then the keys that are new,
 * in the new version's order: a stable order that follows the file rather than sorting.
 */
export function diffMappings(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: PathSegments,
  out: ChangeList,
): void {
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) out.removed([...path, key], before[key]);
    // Equal scalars (most keys of a large file) are skipped before a path is built for them.
    else if (before[key] !== after[key]) diffValues(before[key], after[key], [...path, key], out);
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) out.added([...path, key], after[key]);
  }
}

/**
 * Compares one document. `undefined` means "no document": the file did not exist, was empty,
 * or (multi-document YAML) had fewer documents. Against a mapping, no document counts as an
 * empty mapping, so a new file lists its top-level keys as added (and a deleted one as removed),
 * each with its whole value. Any other document appearing or vanishing is one root entry.
 */
export function diffDocument(before: unknown, after: unknown, out: ChangeList): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    if (isRecord(after)) diffMappings({}, after, [], out);
    else out.added([], after);
  } else if (after === undefined) {
    if (isRecord(before)) diffMappings(before, {}, [], out);
    else out.removed([], before);
  } else {
    diffValues(before, after, [], out);
  }
}
