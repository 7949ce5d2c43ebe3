import { isMap, isScalar, parseAllDocuments } from 'yaml';
import { isRecord, setOwn, toPlain } from './values.js';
import { firstDuplicateKey } from './yaml-keys.js';

/**
 * Parsing a large YAML file piece by piece, to bound memory.
 *
 * yaml builds a syntax tree and a node tree for a whole document before its plain value exists:
 * about 50 MB live (and twice that in process memory) for one mapping of 49,000 keys. A block
 * collection is a run of entries that start at one column, so a long run can be cut between
 * entries and each piece parsed on its own: only one piece's trees exist at a time.
 *
 * The cut is safe because a line at the collection's column that starts an entry cannot belong
 * to the entry before it: block scalars and plain multi-line scalars must be indented further,
 * and a quoted scalar or flow collection left open by the cut makes its piece fail to parse.
 * Whatever crosses pieces is refused the same way: an alias to an anchor of another piece does
 * not resolve. Anything a piece cannot answer exactly (an error, a repeated key across pieces,
 * merge keys, directives, several documents, tabs in indentation…) returns undefined, and the
 * caller parses the whole text as before, so results and error messages never change.
 */

/** yaml's default: aliases may expand to at most this many nodes (billion-laughs guard). */
export const MAX_YAML_ALIAS_COUNT = 100;

/** Pieces are cut once they hold about this much text. */
export const PIECE_CHARS = 8 * 1024;

/** Thrown inside the walk when a piece cannot answer exactly; never escapes this module. */
class NotInPieces extends Error {}

/** A plain, double- or single-quoted key on one line. */
const KEY = String.raw`(?:[A-Za-z0-9_$][A-Za-z0-9_$./ -]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')`;
/** A mapping key at the start of a line, followed by `:` and a space or the line's end. */
const KEY_LINE = new RegExp(String.raw`^${KEY}:(?:[ \r\n]|$)`);
/** An entry whose value is on the following lines: `key:` alone (a trailing CR allowed). */
const KEY_ALONE = new RegExp(String.raw`^${KEY}:\r?\n?$`);
const SEQUENCE_ITEM = /^-(?:[ \r\n]|$)/;

/** The single document's plain value, or undefined when the text must be parsed whole. */
export function parseYamlInPieces(text: string, pieceChars = PIECE_CHARS): unknown {
  // Directives and document markers, merge keys (which look at keys of earlier pieces) and tabs
  // in indentation (which change how columns are counted) are left to the whole parse.
  if (/^(?:---|\.\.\.|%)/m.test(text) || text.includes('<<') || /^ *\t/m.test(text)) {
    return undefined;
  }
  const lines = text.split(/(?<=\n)/);
  try {
    const pieces = new Pieces(lines, pieceChars);
    // The root collection starts at the first column.
    const root = pieces.shape(0, lines.length, -1);
    return root && root.indent === 0 ? pieces.collection(0, lines.length, root) : undefined;
  } catch {
    // NotInPieces, or a piece that throws (an unresolved alias, nesting too deep…): the whole
    // parse gives the exact answer.
    return undefined;
  }
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** Blank or comment-only: belongs to whichever piece it falls in. */
function isFiller(line: string): boolean {
  const rest = line.trimStart();
  return rest === '' || rest.startsWith('#');
}

interface Shape {
  /** The line of the first entry. */
  first: number;
  /** The column where entries start. */
  indent: number;
  sequence: boolean;
}

class Pieces {
  constructor(
    private readonly lines: string[],
    private readonly pieceChars: number,
  ) {}

  /**
   * Where the block collection on lines [from, to) puts its entries, if it can be cut: its first
   * entry starts at a column that is more than `outer` (or at `outer` itself for a list under a
   * key), with a `- ` or a plain or quoted key.
   */
  shape(from: number, to: number, outer: number): Shape | undefined {
    const { lines } = this;
    let first = from;
    while (first < to && isFiller(lines[first]!)) first++;
    if (first === to) return undefined;
    const indent = indentOf(lines[first]!);
    const head = lines[first]!.slice(indent);
    const sequence = SEQUENCE_ITEM.test(head);
    if (!sequence && !KEY_LINE.test(head)) return undefined;
    if (indent < outer || (indent === outer && !sequence && outer >= 0)) return undefined;
    return { first, indent, sequence };
  }

  /** The block collection on lines [from, to), cut into pieces. */
  collection(from: number, to: number, { first, indent, sequence }: Shape): unknown {
    const { lines } = this;
    const startsEntry = (line: string): boolean =>
      indentOf(line) === indent && (sequence ? SEQUENCE_ITEM : KEY_LINE).test(line.slice(indent));

    const mapping: Record<string, unknown> = {};
    const items: unknown[] = [];
    const seen = new Set<unknown>();
    const noteKeys = (keys: unknown[]): void => {
      // A key repeated across pieces: yaml's own error is wanted, from the whole parse.
      for (const key of keys) {
        if (typeof key === 'number' && Number.isNaN(key)) continue;
        if (seen.has(key)) throw new NotInPieces();
        seen.add(key);
      }
    };

    let pieceStart = from;
    let size = 0;
    const flush = (end: number): void => {
      if (end > pieceStart) {
        const piece = this.parsePiece(pieceStart, end, indent, sequence);
        if (Array.isArray(piece.value)) {
          for (const item of piece.value) items.push(item);
        } else {
          noteKeys(piece.keys);
          const value = piece.value as Record<string, unknown>;
          for (const name of Object.keys(value)) setOwn(mapping, name, value[name]);
        }
      }
      pieceStart = end;
      size = 0;
    };

    let line = first;
    while (line < to) {
      // The entry runs to the next line at this column that starts one.
      let end = line + 1;
      let entryChars = lines[line]!.length;
      while (end < to && !startsEntry(lines[end]!)) {
        const text = lines[end]!;
        if (!isFiller(text) && indentOf(text) < indent) throw new NotInPieces();
        entryChars += text.length;
        end++;
      }
      // One entry too large for a piece, whose value is a collection of its own: cut in turn.
      const inner =
        !sequence && entryChars > this.pieceChars && KEY_ALONE.test(lines[line]!.slice(indent))
          ? this.shape(line + 1, end, indent)
          : undefined;
      if (inner) {
        flush(line);
        const { key, name } = this.parseKey(lines[line]!.slice(indent));
        noteKeys([key]);
        setOwn(mapping, name, this.collection(line + 1, end, inner));
        pieceStart = end;
      } else {
        size += entryChars;
        if (size >= this.pieceChars) flush(end);
      }
      line = end;
    }
    flush(to);
    return sequence ? items : mapping;
  }

  /** `key:` alone, parsed as yaml reads it: the scalar (for repeats) and its property name. */
  private parseKey(line: string): { key: unknown; name: string } {
    const { value, keys } = this.parsePiece(0, 0, 0, false, line);
    const names = Object.keys(value as object);
    if (keys.length !== 1 || names.length !== 1) throw new NotInPieces();
    return { key: keys[0], name: names[0]! };
  }

  /**
   * Lines [from, to) moved left by `indent` columns (or `source`), parsed as one document that
   * must be a sequence or a mapping, without errors or repeated keys. For a mapping, also its
   * keys as yaml compares them: the scalar values, a fresh object for any other key.
   */
  private parsePiece(
    from: number,
    to: number,
    indent: number,
    sequence: boolean,
    source?: string,
  ): { value: unknown; keys: unknown[] } {
    let text = source ?? '';
    for (let i = from; i < to; i++) {
      const line = this.lines[i]!;
      // Filler lines indented less than the collection lose only their leading spaces.
      text += line.slice(Math.min(indent, indentOf(line)));
    }
    const documents = parseAllDocuments(text, { merge: true, uniqueKeys: false });
    const [document] = documents;
    if (documents.length !== 1 || !document || document.errors.length > 0) {
      throw new NotInPieces();
    }
    const contents = document.contents;
    if (firstDuplicateKey(contents) !== undefined) throw new NotInPieces();
    const value = toPlain(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }));
    if (sequence) {
      if (!Array.isArray(value)) throw new NotInPieces();
      return { value, keys: [] };
    }
    if (!isMap(contents) || !isRecord(value)) throw new NotInPieces();
    const keys = contents.items.map((pair) => (isScalar(pair.key) ? pair.key.value : {}));
    return { value, keys };
  }
}
