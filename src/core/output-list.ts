/**
 * JSON list outputs that stay within GitHub's limits: a step output holds at most 1 MB, and a
 * diff's path lists can be many times that. A list keeps its first entries up to a byte budget,
 * stays valid JSON holding only real entries, and says how many it left out; the whole list
 * goes to a file (the `changes-file` output).
 */

/** Well inside the 1 MB per output, leaving room for every other output of the step. */
export const OUTPUT_LIST_BYTES = 256 * 1024;

export interface CappedList {
  json: string;
  shown: number;
  total: number;
}

export function cappedJsonList(items: readonly unknown[], budget = OUTPUT_LIST_BYTES): CappedList {
  const parts: string[] = [];
  let used = 2; // the brackets
  for (const item of items) {
    const text = JSON.stringify(item);
    const cost = Buffer.byteLength(text) + (parts.length > 0 ? 1 : 0);
    if (used + cost > budget) break;
    parts.push(text);
    used += cost;
  }
  return { json: `[${parts.join(',')}]`, shown: parts.length, total: items.length };
}
