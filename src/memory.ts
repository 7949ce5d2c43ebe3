/**
 * A full garbage collection on request, for the few loops that turn over far more memory than
 * they keep (a prune writing 10,000 notes a slice at a time). With the small young generation
 * src/heap.ts sets, each slice's short-lived texts outlive a scavenge or two while git answers,
 * move to the old generation, and pile up there until V8 decides to collect it: 35 MB at 10,000
 * notes. Collecting after each slice keeps the heap at what is live. `gc` is exposed through
 * the flag and a fresh context, as Node documents for v8.setFlagsFromString; where that fails,
 * this does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('gc');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
