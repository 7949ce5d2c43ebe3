import { describe, expect, it } from 'vitest';
import { cappedJsonList } from '../../src/core/output-list.js';

describe('cappedJsonList', () => {
  it('keeps the whole list when it fits', () => {
    expect(cappedJsonList(['a', 'b'], 100)).toEqual({ json: '["a","b"]', shown: 2, total: 2 });
  });

  it('keeps the first entries that fit in the byte budget, counting UTF-8 bytes, as valid JSON', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `模型/${i}.json`);
    const list = cappedJsonList(items, 1000);
    expect(Buffer.byteLength(list.json)).toBeLessThanOrEqual(1000);
    expect(JSON.parse(list.json)).toEqual(items.slice(0, list.shown));
    expect(list.shown).toBeGreaterThan(10);
    expect(list.total).toBe(1000);
  });
});
