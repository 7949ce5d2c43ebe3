import { diffLines } from 'diff';

/** Same rule as git: a NUL byte among the first 8,000 bytes makes a file binary. */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Bound on the edit distance of an exact line diff. Myers' algorithm costs about O(N + D²):
 * a 50,000-line file with a few edits is a few milliseconds, and the bound keeps two unrelated
 * large files from taking seconds. Past it the counts are approximated (see countByMultiset).
 */
const MAX_LINE_EDITS = 1000;
/** Safety net for pathological inputs that stay under the edit bound but are still slow. */
const LINE_DIFF_TIMEOUT_MS = 2000;

export const APPROXIMATE_NOTE =
  'Line counts are approximate: the versions differ too much for an exact line diff.';

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/**
 * Lenient UTF-8 (bad bytes become U+FFFD, never an error). The BOM is kept for line counts,
 * where adding or dropping one is a real edit of the first line, and dropped for parsers.
 */
export function decodeText(bytes: Uint8Array | null, keepBom: boolean): string {
  if (bytes === null) return '';
  return new TextDecoder('utf-8', { ignoreBOM: keepBom }).decode(bytes);
}

export interface LineCounts {
  added: number;
  removed: number;
  approximate: boolean;
}

/**
 * Lines added and removed, counted like `git diff --numstat`: a line is its text with its
 * terminator, so CRLF files compare line for line, converting line endings changes every line,
 * and a missing final newline changes the last line.
 */
export function countLineChanges(before: string, after: string): LineCounts {
  if (before === after) return { added: 0, removed: 0, approximate: false };
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  // One side empty: every line of the other is added or removed, exactly.
  if (oldLines.length === 0 || newLines.length === 0) {
    return { added: newLines.length, removed: oldLines.length, approximate: false };
  }
  const estimate = countByMultiset(oldLines, newLines);
  // The estimate is a lower bound on the edit distance: skip a diff that would give up anyway.
  if (estimate.added + estimate.removed > MAX_LINE_EDITS) return estimate;

  const parts = diffLines(before, after, {
    maxEditLength: MAX_LINE_EDITS,
    timeout: LINE_DIFF_TIMEOUT_MS,
  });
  if (parts === undefined) return estimate;
  const counts: LineCounts = { added: 0, removed: 0, approximate: false };
  for (const part of parts) {
    if (part.added) counts.added += part.count;
    else if (part.removed) counts.removed += part.count;
  }
  return counts;
}

/** Lines with their terminators; no empty last line after a final newline. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/**
 * Counts lines that occur more often on one side than on the other, ignoring order. It is exact
 * unless lines moved, where it undercounts, and it takes linear time.
 */
function countByMultiset(oldLines: string[], newLines: string[]): LineCounts {
  const balance = new Map<string, number>();
  for (const line of oldLines) balance.set(line, (balance.get(line) ?? 0) + 1);
  for (const line of newLines) balance.set(line, (balance.get(line) ?? 0) - 1);
  let added = 0;
  let removed = 0;
  for (const surplus of balance.values()) {
    if (surplus > 0) removed += surplus;
    else added -= surplus;
  }
  return { added, removed, approximate: true };
}
