import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  mermaidText,
  OPEN_TRACKS,
  ranges,
  renderStatus,
  SERIES_COLOURS,
  trend,
} from '../../src/report/render-status.js';
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
    // The two metrics within 0..1 share one chart; loss, huge and flat get one each.
    expect(blocks).toHaveLength(4);
    expect(blocks[0]).toContain('x-axis ["v1 active", "v2", "v3"]');
    expect(blocks[0]).toContain('line [0.5, 0.75, 0.7]');
    expect(blocks[0]).toContain('line [0.0000001, 0.0000003, 0.0000002]');
    expect(blocks[1]).toContain('y-axis "loss" -3 --> 0');
    // (A zero-width joiner after `#` keeps "#1" from linking to issue 1.)
    expect(md).toContain('🔵 f1 "macro"; #\u200d1 \\[test\\] · 🔴 tiny');
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

  it('reads nested metrics by their dotted path: a column value and a chart each', async () => {
    const md = renderStatus(
      result([
        { eval: { f1: 0.8, precision: 0.9 }, loss: 2 },
        { eval: { f1: 0.85, precision: 0.88 }, loss: 1.5 },
      ]),
    );
    expect(md).toContain('eval.f1=0.85, eval.precision=0.88, loss=1.5');
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('line [0.8, 0.85]');
    expect(blocks[0]).toContain('line [0.9, 0.88]');
    expect(md).toContain('🔵 eval.f1 · 🔴 eval.precision');
    expect(await mermaidErrors(md)).toEqual([]);
  });

  it('draws lines in colours readable on light and dark backgrounds (contrast ≥ 3:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    for (const { hex } of SERIES_COLOURS) {
      expect(contrast(hex, '#ffffff'), hex).toBeGreaterThanOrEqual(3);
      expect(contrast(hex, '#0d1117'), hex).toBeGreaterThanOrEqual(3);
    }
    const md = renderStatus(result([{ f1: 0.5 }, { f1: 0.6 }]));
    expect(md).toContain(SERIES_COLOURS.map((c) => c.hex).join(', '));
  });

  it('opens with an overview of every track, and folds the details past a few tracks', () => {
    const one = result([{ eval: { f1: 0.8 } }, { eval: { f1: 0.9 } }], 'model-creamy_chicken');
    const many: StatusResult = {
      ...one,
      tracks: Array.from({ length: OPEN_TRACKS + 1 }, (_, i) => ({
        ...one.tracks[0]!,
        track: `model-head_${i}`,
      })),
    };
    const md = renderStatus(many);
    const lines = md.split('\n');
    expect(lines[2]).toBe('| Track | Latest | Aliases | Last recorded | Headline metric | Trend |');
    expect(md).toContain(
      '| model-head\\_0 | v2 | active v1 (1 behind ⚠️) | 2026-01-02 00:00 | eval.f1 = 0.9 | ▁█ ▲ +0.1 |',
    );
    // Folded: the heading is HTML, where a Markdown escape would show as a typed backslash.
    expect(md).toContain('<details><summary>model-head_0 — latest v2</summary>');
    expect(md).not.toContain('### ');

    const few = renderStatus({
      ...one,
      tracks: [one.tracks[0]!, { ...one.tracks[0]!, track: 'b' }],
    });
    expect(few).toContain('| Track | Latest |');
    expect(few).toContain('### model-creamy\\_chicken — latest v2');
    expect(renderStatus(one)).not.toContain('| Track | Latest |');
  });

  it('trend: a sparkline of the recent values and the last change', () => {
    expect(trend([])).toBe('—');
    expect(trend([1])).toBe('—');
    expect(trend([1, 5, 3])).toBe('▁█▅ ▼ −2');
    expect(trend([2, 2])).toBe('▄▄ = 0');
  });

  it('a score reported by only some versions gets its own chart instead of thinning the shared one', () => {
    const md = renderStatus(
      result([
        { f1: 0.8, recall: 0.7 },
        { f1: 0.85, recall: 0.75, auc: 0.9 },
        { f1: 0.9, recall: 0.8, auc: 0.92 },
      ]),
    );
    const blocks = mermaidBlocks(md);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain('x-axis ["v1 active", "v2", "v3"]');
    expect(blocks[0]).toContain('line [0.8, 0.85, 0.9]');
    expect(blocks[0]).toContain('line [0.7, 0.75, 0.8]');
    expect(blocks[1]).toContain('x-axis ["v2", "v3"]');
    expect(blocks[1]).toContain('line [0.9, 0.92]');
  });
});
