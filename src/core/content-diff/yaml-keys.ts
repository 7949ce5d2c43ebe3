import { isMap, isPair, isScalar, isSeq } from 'yaml';

export interface DuplicateKey {
  /** Where the repeated key starts in the text. */
  offset: number;
  /** The key is empty (no characters), e.g. an explicit `? ` with nothing after it. */
  empty: boolean;
}

/**
 * Two keys of one mapping are duplicates when both are scalars with the same value (`===`, as
 * yaml compares them: `1` and `1.0` are one key, `1` and `"1"` are two, NaN never repeats).
 * Depth first, a key's contents before the key itself, the key before its value.
 */
export function firstDuplicateKey(node: unknown): DuplicateKey | undefined {
  if (isSeq(node)) {
    for (const item of node.items) {
      const found = firstDuplicateKey(item);
      if (found) return found;
    }
  } else if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const inKey = firstDuplicateKey(pair.key);
      if (inKey) return inKey;
      const key = pair.key;
      if (isScalar(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) {
          const [start, end] = key.range ?? [0, 0];
          return { offset: start, empty: start === end };
        }
        seen.add(key.value);
      }
      const inValue = firstDuplicateKey(pair.value);
      if (inValue) return inValue;
    }
  }
  return undefined;
}
