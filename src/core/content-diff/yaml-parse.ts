import { LineCounter, parseAllDocuments, YAMLParseError } from 'yaml';
import { toPlain } from './values.js';
import { firstDuplicateKey } from './yaml-keys.js';
import { MAX_YAML_ALIAS_COUNT, parseYamlInPieces, PIECE_CHARS } from './yaml-pieces.js';

/** yaml's words for a repeated key. */
const DUPLICATE_KEY = 'Map keys must be unique';

/** Smaller files are parsed whole: their trees are small, and one parse is simplest. */
const PIECES_FROM_CHARS = 2 * PIECE_CHARS;

/**
 * The plain values of every document; throws the first error yaml would report.
 *
 * yaml checks each new mapping key against every earlier key of the same mapping, which is
 * quadratic: 49,000 keys in one mapping take about 8 s to parse. So the parse runs with that
 * check off, and a walk with one Set per mapping finds duplicates in linear time. yaml reports a
 * duplicate while it builds the tree (after the key's own contents, before its value), so the
 * walk visits nodes in that order and the first duplicate it finds is the one yaml would have
 * reported, with the same message and position.
 *
 * Large files are first parsed in pieces (yaml-pieces.ts), which bounds memory; whatever the
 * pieces cannot answer exactly is parsed here, whole.
 */
export function parseYaml(text: string): unknown[] {
  if (text.length >= PIECES_FROM_CHARS) {
    const value = parseYamlInPieces(text);
    if (value !== undefined) return [value];
  }
  // Merge keys (`<<`) are a YAML 1.1 feature that yaml enables for 1.2 documents only on request;
  // configuration files rely on them together with anchors.
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { merge: true, uniqueKeys: false, lineCounter });
  for (const [index, document] of documents.entries()) {
    const duplicate = firstDuplicateKey(document.contents);
    const [error] = document.errors;
    if (duplicate === undefined) {
      if (error) throw error;
      continue;
    }
    const { line, col } = lineCounter.linePos(duplicate.offset);
    const at: [number, number] = [duplicate.offset, duplicate.offset + 1];
    const found = new YAMLParseError(
      at,
      'DUPLICATE_KEY',
      `${DUPLICATE_KEY} at line ${line}, column ${col}`,
    );
    // Which of two different errors yaml would have met first, or where it places a key written
    // as nothing at all (`? ` with no key), is not worth reproducing: parse again with the check
    // on, for such broken files only.
    if (error || duplicate.empty) throw exactFirstError(text, index) ?? found;
    throw found;
  }
  // toJS resolves aliases and merges, so a changed anchor shows wherever it is used; it throws on
  // alias expansion beyond the limit instead of building an exponentially large value.
  return documents.map((document) =>
    toPlain(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT })),
  );
}

/** The slow, exact answer: yaml's own first error for the document at `index`. */
function exactFirstError(text: string, index: number): YAMLParseError | undefined {
  return parseAllDocuments(text, { merge: true })[index]?.errors[0];
}
