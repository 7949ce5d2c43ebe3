/** Public shapes of a content-level comparison between two versions of one file. */

export type KeyChangeKind = 'added' | 'removed' | 'changed';

export interface KeyChange {
  /** Display path, e.g. `llm.model`, `servers[2].port`, `[doc 2].spec` or `(root)`. */
  path: string;
  kind: KeyChangeKind;
  /** Parsed value on the old side (absent for `added`). */
  before?: unknown;
  /** Parsed value on the new side (absent for `removed`). */
  after?: unknown;
  /**
   * Set only where `before`/`after` are not the plain values at `path`: a reordered
   * array of identified elements carries the identifiers in old and new order.
   */
  note?: string;
}

export type StructuredFormat = 'json' | 'yaml' | 'toml';

export interface ContentDiff {
  kind: 'structured' | 'text' | 'binary';
  /** For structured. */
  format?: StructuredFormat;
  /** For structured. */
  keys?: KeyChange[];
  /** For text (and as a fallback for unparsable config files). */
  lines?: { added: number; removed: number };
  /** E.g. why a config file fell back to text level, or that line counts are approximate. */
  note?: string;
}

/** Key path segments: strings are mapping keys, numbers are array indexes. */
export type PathSegments = readonly (string | number)[];
