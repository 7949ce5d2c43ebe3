/**
 * Content-level comparison of two versions of one file: key by key for JSON, YAML and TOML,
 * line counts for other text, nothing more for binary files. Pure: bytes in, report out.
 */
import { ChangeList } from './change-list.js';
import { documentPrefix } from './key-path.js';
import { firstLine, formatFor, parseDocuments } from './parse.js';
import { APPROXIMATE_NOTE, countLineChanges, decodeText, looksBinary } from './text.js';
import type { ContentDiff, KeyChange, StructuredFormat } from './types.js';
import { diffDocument } from './value-diff.js';

export { formatKeyPath } from './key-path.js';
export { contentLimit } from './limits.js';
export { formatFor } from './parse.js';
export type { ContentDiff, KeyChange, KeyChangeKind, StructuredFormat } from './types.js';

const FORMAT_NAMES: Record<StructuredFormat, string> = { json: 'JSON', yaml: 'YAML', toml: 'TOML' };

/**
 * `before`/`after` null = the file did not exist on that side. The path's extension picks the
 * format. Never throws: anything unexpected degrades to a text-level answer with a note.
 */
export function diffContent(
  path: string,
  before: Uint8Array | null,
  after: Uint8Array | null,
): ContentDiff {
  try {
    if ((before && looksBinary(before)) || (after && looksBinary(after))) return { kind: 'binary' };
    const format = formatFor(path);
    return format ? diffStructured(format, before, after) : diffText(before, after);
  } catch (error) {
    return { kind: 'text', note: `Could not compare the versions: ${firstLine(error)}.` };
  }
}

function diffStructured(
  format: StructuredFormat,
  before: Uint8Array | null,
  after: Uint8Array | null,
): ContentDiff {
  const old = parseDocuments(format, decodeText(before, false));
  const current = parseDocuments(format, decodeText(after, false));
  const failures: string[] = [];
  if (!old.ok)
    failures.push(`the before version is not valid ${FORMAT_NAMES[format]} (${old.message})`);
  if (!current.ok) {
    failures.push(`the after version is not valid ${FORMAT_NAMES[format]} (${current.message})`);
  }
  if (!old.ok || !current.ok) {
    return diffText(before, after, `Compared line by line: ${failures.join('; ')}.`);
  }
  try {
    return { kind: 'structured', format, keys: diffDocuments(old.documents, current.documents) };
  } catch (error) {
    // E.g. nesting deeper than the call stack allows.
    const reason = `Compared line by line: the key-by-key comparison failed (${firstLine(error)}).`;
    return diffText(before, after, reason);
  }
}

/**
 * Documents are paired by position. Paths get a `[doc N]` prefix only when either version has
 * more than one document, so ordinary single-document YAML reads like JSON.
 */
function diffDocuments(before: unknown[], after: unknown[]): KeyChange[] {
  const multi = before.length > 1 || after.length > 1;
  const count = Math.max(before.length, after.length);
  const changes: KeyChange[] = [];
  for (let i = 0; i < count; i++) {
    const out = new ChangeList(multi ? documentPrefix(i) : '', changes);
    diffDocument(before[i], after[i], out);
  }
  return changes;
}

function diffText(before: Uint8Array | null, after: Uint8Array | null, note?: string): ContentDiff {
  const counts = countLineChanges(decodeText(before, true), decodeText(after, true));
  const notes = [note, counts.approximate ? APPROXIMATE_NOTE : undefined].filter(Boolean);
  const result: ContentDiff = {
    kind: 'text',
    lines: { added: counts.added, removed: counts.removed },
  };
  if (notes.length > 0) result.note = notes.join(' ');
  return result;
}
