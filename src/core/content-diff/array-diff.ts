import { diffArrays } from 'diff';
import type { ChangeList } from './change-list.js';
import type { PathSegments } from './types.js';
import { fingerprint, isRecord } from './values.js';

export type ElementDiff = (
  before: unknown,
  after: unknown,
  path: PathSegments,
  out: ChangeList,
) => void;

/** Keys that name an element of a list of mappings, tried in this order. */
const IDENTITY_KEYS = ['name', 'id', 'key'] as const;

/**
 * Bound on the edit distance the content alignment may explore. Myers' algorithm costs about
 * O(N + D²) here (elements are compared as small integers), so the bound is on D rather than on
 * the array length: inserting one element at the front of a 100,000-element array still aligns
 * in linear time, while arrays that differ almost everywhere stop early and are compared index
 * by index, which is what an alignment of two unrelated lists amounts to anyway.
 */
const MAX_ALIGN_EDITS = 500;

/**
 * Where the paths point: elements present in the new version are reported at their NEW index
 * (`servers[2].port`); removed elements have no new index and are reported at their OLD one.
 *
 * 1. All elements on both sides are mappings with a unique scalar `name` (else `id`, else `key`):
 *    elements are matched by that value, wherever they moved.
 * 2. Otherwise elements are aligned on content (longest common subsequence of deeply equal
 *    elements), so one insertion at the front is one `added` entry, not a change at every index.
 *    Within a stretch that was replaced, old and new elements are paired by position and compared
 *    in depth, so editing a field of an element reports that field.
 * 3. If that alignment would be too costly (see MAX_ALIGN_EDITS), elements are compared index by
 *    index.
 */
export function diffArrayElements(
  before: unknown[],
  after: unknown[],
  path: PathSegments,
  out: ChangeList,
  diffElement: ElementDiff,
): void {
  // Cheap exit for the common case of an untouched list of scalars.
  if (before.length === after.length && before.every((item, i) => item === after[i])) return;
  const matching = matchingKey(before, after);
  if (matching !== undefined) diffByIdentity(before, after, matching, path, out, diffElement);
  else if (!diffByContent(before, after, path, out, diffElement)) {
    diffByIndex(before, after, path, out, diffElement);
  }
}

/** Identifier → index. Map keys keep id 1 and id "1" apart, as they are different elements. */
type Identities = Map<string | number, number>;

interface Matching {
  key: string;
  oldIds: Identities;
  newIds: Identities;
}

function matchingKey(before: unknown[], after: unknown[]): Matching | undefined {
  // With one side empty every element is simply added or removed; no matching needed.
  if (before.length === 0 || after.length === 0) return undefined;
  for (const key of IDENTITY_KEYS) {
    const oldIds = identities(before, key);
    const newIds = oldIds && identities(after, key);
    if (oldIds && newIds) return { key, oldIds, newIds };
  }
  return undefined;
}

/** Undefined unless every element is a mapping with a unique string or number under `key`. */
function identities(elements: unknown[], key: string): Identities | undefined {
  const found: Identities = new Map();
  for (const [index, element] of elements.entries()) {
    if (!isRecord(element) || !Object.hasOwn(element, key)) return undefined;
    const id = element[key];
    if ((typeof id !== 'string' && typeof id !== 'number') || found.has(id)) return undefined;
    found.set(id, index);
  }
  return found;
}

/**
 * Order-only moves are reported, because order often matters in configuration (middleware,
 * fallbacks, priorities), but only once: a single `changed` entry at the array's path whose
 * before/after are the identifiers in old and new order, with a note saying so. It is emitted
 * only when elements present on both sides changed their relative order; insertions and removals
 * alone do not count as a reorder.
 */
function diffByIdentity(
  before: unknown[],
  after: unknown[],
  { key, oldIds, newIds }: Matching,
  path: PathSegments,
  out: ChangeList,
  diffElement: ElementDiff,
): void {
  const keptInOldOrder = [...oldIds.keys()].filter((id) => newIds.has(id));
  const keptInNewOrder = [...newIds.keys()].filter((id) => oldIds.has(id));
  if (keptInOldOrder.some((id, i) => id !== keptInNewOrder[i])) {
    const note = `order changed (elements matched by "${key}")`;
    out.changed(path, [...oldIds.keys()], [...newIds.keys()], note);
  }
  for (const [id, oldIndex] of oldIds) {
    if (!newIds.has(id)) out.removed([...path, oldIndex], before[oldIndex]);
  }
  for (const [id, newIndex] of newIds) {
    const oldIndex = oldIds.get(id);
    if (oldIndex === undefined) out.added([...path, newIndex], after[newIndex]);
    else diffElement(before[oldIndex], after[newIndex], [...path, newIndex], out);
  }
}

/** Returns false, recording nothing, when the alignment exceeds MAX_ALIGN_EDITS. */
function diffByContent(
  before: unknown[],
  after: unknown[],
  path: PathSegments,
  out: ChangeList,
  diffElement: ElementDiff,
): boolean {
  const tokens = alignmentTokens(before, after);
  // Elements one side has more often than the other must each be added or removed, whatever the
  // order: past the bound, the alignment would give up anyway, after exploring every path.
  if (tokens.unmatched > MAX_ALIGN_EDITS) return false;
  const parts = diffArrays(tokens.before, tokens.after, { maxEditLength: MAX_ALIGN_EDITS });
  if (parts === undefined) return false;

  let oldPos = 0;
  let newPos = 0;
  // A run of removed/added parts between two common parts is one replaced stretch.
  let removed = 0;
  let added = 0;
  const flush = (): void => {
    const paired = Math.min(removed, added);
    for (let k = 0; k < paired; k++) {
      diffElement(before[oldPos + k], after[newPos + k], [...path, newPos + k], out);
    }
    for (let k = paired; k < removed; k++) out.removed([...path, oldPos + k], before[oldPos + k]);
    for (let k = paired; k < added; k++) out.added([...path, newPos + k], after[newPos + k]);
    oldPos += removed;
    newPos += added;
    removed = added = 0;
  };
  for (const part of parts) {
    if (part.removed) removed += part.count;
    else if (part.added) added += part.count;
    else {
      flush();
      oldPos += part.count;
      newPos += part.count;
    }
  }
  flush();
  return true;
}

interface Tokens {
  /** What the alignment compares with `===`: equal exactly where the elements are deeply equal. */
  before: unknown[];
  after: unknown[];
  /** Elements left over on either side once equal ones are paired in any order. */
  unmatched: number;
}

/**
 * Lists of scalars (long lists of numbers are common: series, vectors) are compared as they are,
 * and counted by sorting copies, which takes a fraction of the memory of a Map of every distinct
 * value. Lists holding mappings or lists get small integers, equal for equal fingerprints, so the
 * diff compares numbers, not trees.
 */
function alignmentTokens(before: unknown[], after: unknown[]): Tokens {
  if (before.every(isScalar) && after.every(isScalar)) {
    return { before, after, unmatched: unmatchedScalars(before, after) };
  }
  const numbering = new Map<unknown, number>();
  // Scalars are their own keys (a Map tells 1 from "1"); a tree's key is its fingerprint, made
  // distinct from any string by a prefix no JSON text starts with.
  const number = (element: unknown): number => {
    const key = isScalar(element) ? element : `\u0000${fingerprint(element)}`;
    let n = numbering.get(key);
    if (n === undefined) numbering.set(key, (n = numbering.size));
    return n;
  };
  const oldNumbers = before.map(number);
  const newNumbers = after.map(number);
  const balance = new Int32Array(numbering.size);
  for (const n of oldNumbers) balance[n]!++;
  for (const n of newNumbers) balance[n]!--;
  let unmatched = 0;
  for (const surplus of balance) unmatched += Math.abs(surplus);
  return { before: oldNumbers, after: newNumbers, unmatched };
}

function isScalar(value: unknown): boolean {
  return typeof value !== 'object' || value === null;
}

const SCALAR_RANK: Record<string, number> = { boolean: 1, number: 2, string: 3 };

/** A total order on scalars in which only `===` values are equal (0 and -0 too). */
function compareScalars(a: unknown, b: unknown): number {
  const rankA = a === null ? 0 : (SCALAR_RANK[typeof a] ?? 4);
  const rankB = b === null ? 0 : (SCALAR_RANK[typeof b] ?? 4);
  if (rankA !== rankB) return rankA - rankB;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function unmatchedScalars(before: unknown[], after: unknown[]): number {
  const a = [...before].sort(compareScalars);
  const b = [...after].sort(compareScalars);
  let unmatched = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const order = compareScalars(a[i], b[j]);
    if (order === 0) {
      i++;
      j++;
    } else {
      unmatched++;
      if (order < 0) i++;
      else j++;
    }
  }
  return unmatched + (a.length - i) + (b.length - j);
}

function diffByIndex(
  before: unknown[],
  after: unknown[],
  path: PathSegments,
  out: ChangeList,
  diffElement: ElementDiff,
): void {
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) {
    if (before[i] !== after[i]) diffElement(before[i], after[i], [...path, i], out);
  }
  for (let i = common; i < before.length; i++) out.removed([...path, i], before[i]);
  for (let i = common; i < after.length; i++) out.added([...path, i], after[i]);
}
