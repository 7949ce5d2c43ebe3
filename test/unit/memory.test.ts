import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/memory.js';

describe('collectGarbage', () => {
  it('frees what nothing holds any more, each time it is called', async () => {
    for (let round = 0; round < 2; round++) {
      const ref = new WeakRef({ big: new Array<number>(100_000).fill(round) });
      // A WeakRef keeps its target alive until the current job ends.
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      expect(ref.deref()).toBeUndefined();
    }
  });
});
