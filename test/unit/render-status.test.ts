import { describe, expect, it } from 'vitest';
import { formatNumber, mermaidText, ranges, renderStatus } from '../../src/core/render-status.js';
import type { StatusResult } from '../../src/commands/status.js';
import { mermaidBlocks, mermaidErrors } from '../harness/mermaid.js';

function result(metrics: Record<string, unknown>[], track = 'model'): StatusResult {
  return {
    generatedAt: '2026-01-10T00:00:00.000Z',
    tracks: [
      {
        track,
        latest: metrics.length,
        versions: metrics.map((m, i) => ({
          version: i + 1,
          commit: 'c'.repeat(40),
          aliases: i === 0 ? ['active'] : [],
          metrics: m,
          at: `2026-01-0${i + 1}T00:00:00.000Z`,
          reason: i === 1 ? '<img src=x> | @team `x`' : undefined,
        })),
        aliases: [
          {
            alias: 'active',
            version: 1,
            latest: metrics.length,
            behind: metrics.length - 1,
            behindSince: '2026-01-02T00:00:00.000Z',
            ageMs: 8 * 86_400_000,
            warnings: ['2 versions behind (threshold 1)'],
          },
        ],
        history: {},
        pruned: [],
      },
    ],
  };
}

describe('renderStatus', () => {
  it('draws one valid chart per numeric metric, whatever the names and values', async () => {
    const md = renderStatus(
      result([
        { 'f1 "macro"; #1 [test]': 0.5, loss: -3, tiny: 1e-7, huge: 1e22, flat: 2, text: 'n/a' },
        { 'f1 "macro"; #1 [test]': 0.75, loss: -2.5, tiny: 3e-7, huge: 2e22, flat: 2 },
        { 'f1 "macro"; #1 [test]': 0.7, loss: 0, tiny: 2e-7, huge: 1.5e22, flat: 2 },
      ]),
    );
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(5);
    expect(blocks[0]).toContain('x-axis [v1, v2, v3]');
    expect(blocks[0]).toContain('line [0.5, 0.75, 0.7]');
    expect(blocks[2]).toContain('line [0.0000001, 0.0000003, 0.0000002]');
    expect(await mermaidErrors(md)).toEqual([]);
  });

  it('escapes what users wrote and shows drift warnings', () => {
    const md = renderStatus(result([{}, {}, {}], 'model'));
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x&gt; \\| @\u200dteam \\`x\\`');
    expect(md).toContain('⚠️ 2 versions behind (threshold 1)');
    expect(md).toContain('| active | v1 | 2 versions | 8d |');
    expect(mermaidBlocks(md)).toEqual([]);
  });

  it('helpers: numbers without exponents, safe chart text, version ranges', () => {
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-2.5e-5)).toBe('-0.000025');
    expect(formatNumber(1e22)).toBe('10000000000000000000000');
    expect(mermaidText('a "b"\n[c]; #d')).toBe('a b c d');
    expect(ranges([1, 2, 3, 5, 7, 8])).toBe('v1–v3, v5, v7–v8');
  });
});
