// The status overview: the per-track table, trend sparklines, nested metrics, shared score
// charts and folding once there are more than three tracks.
import { describe, expect, it } from 'vitest';
import type { StatusResult } from '../../src/commands/status.js';
import {
  OPEN_TRACKS,
  flattenMetrics,
  renderStatus,
  trend,
} from '../../src/report/render-status.js';

type Track = StatusResult['tracks'][number];
const track = (name: string, extra: Partial<Track> = {}): Track => ({
  track: name,
  latest: 2,
  versions: [
    {
      version: 1,
      commit: 'c1',
      aliases: [],
      at: '2026-01-01T10:00:00Z',
      metrics: { p: 0.5, r: 0.25, loss: 3 },
    },
    {
      version: 2,
      commit: 'c2',
      aliases: ['prod'],
      at: '2026-01-02T11:30:00Z',
      metrics: { p: 0.75, r: 0.5, loss: 2 },
    },
  ],
  aliases: [
    { alias: 'prod', version: 2, latest: 2, behind: 0, behindSince: null, ageMs: 0, warnings: [] },
  ],
  history: {},
  pruned: [],
  ...extra,
});
const status = (tracks: Track[]): string => renderStatus({ generatedAt: 'x', tracks });

describe('trend', () => {
  it('draws the last eight values as bars and the last change with its sign', () => {
    expect(trend([])).toBe('—');
    expect(trend([1])).toBe('—');
    expect(trend([1, 1])).toBe('▄▄ = 0');
    expect(trend([1, 2])).toBe('▁█ ▲ +1');
    expect(trend([2, 1])).toBe('█▁ ▼ −1');
    expect(trend([0, 0.5, 1])).toBe('▁▅█ ▲ +0.5');
    expect(trend([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe('▁▂▃▄▅▆▇█ ▲ +1');
    expect(trend([5, 5, 5.5])).toBe('▁▁█ ▲ +0.5');
  });
});

describe('flattenMetrics', () => {
  it('names nested values by their dotted path, four levels deep at most', () => {
    expect(
      flattenMetrics({
        a: 1,
        b: { c: 's', d: { e: true, f: { g: 1, h: { i: 2 } } } },
        arr: [1],
        n: null,
      }),
    ).toEqual([
      ['a', 1],
      ['b.c', 's'],
      ['b.d.e', true],
      ['b.d.f.g', 1],
    ]);
    expect(flattenMetrics(undefined)).toEqual([]);
  });
});

describe('overview', () => {
  it('leads with one row per track when there are several, and not for one', () => {
    const lagging = track('b<x>', {
      latest: null,
      versions: [],
      aliases: [
        {
          alias: 'prod',
          version: 1,
          latest: 4,
          behind: 3,
          behindSince: null,
          ageMs: 0,
          warnings: ['x'],
        },
        {
          alias: 'beta',
          version: 3,
          latest: 4,
          behind: 1,
          behindSince: null,
          ageMs: 0,
          warnings: [],
        },
      ],
    });
    const text = status([track('a'), lagging]);
    expect(text.split('\n').slice(0, 7)).toEqual([
      '## Snapback: status',
      '',
      '| Track | Latest | Aliases | Last recorded | Headline metric | Trend |',
      '| --- | --- | --- | --- | --- | --- |',
      '| a | v2 | prod v2 | 2026-01-02 11:30 | p = 0.75 | ▁█ ▲ +0.25 |',
      '| b&lt;x&gt; | — | prod v1 (3 behind ⚠️), beta v3 (1 behind) | — | — | — |',
      '',
    ]);
    expect(status([track('a')])).not.toContain('| Track | Latest |');
    const noMetrics = track('m', {
      aliases: [],
      versions: [{ version: 1, commit: 'c', aliases: [] }],
    });
    expect(status([track('a'), noMetrics])).toContain('| m | v2 | — | — | — | — |');
  });

  it('keeps three tracks open and folds them all beyond that', () => {
    expect(OPEN_TRACKS).toBe(3);
    const three = status([track('a'), track('b'), track('c')]);
    expect(three).toContain('\n### a — latest v2\n');
    expect(three).not.toContain('<details><summary>a');
    const four = status([track('a'), track('b<x>'), track('c'), track('d')]);
    expect(four).not.toContain('### ');
    expect(four).toContain('\n<details><summary>b&lt;x&gt; — latest v2</summary>\n\n| Alias |');
    expect(four.match(/<details><summary>[a-d]/g)).toHaveLength(4);
  });

  it('charts the scores together with a legend, and other metrics on their own scale', () => {
    const text = status([track('a')]);
    expect(text).toContain(
      [
        'xychart-beta',
        '  title "a: scores"',
        '  x-axis ["v1", "v2 prod"]',
        '  y-axis "score" 0.25 --> 0.75',
        '  line [0.5, 0.75]',
        '  line [0.25, 0.5]',
        '```',
        '🔵 p · 🔴 r',
        '',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '  title "a: loss"',
        '  x-axis ["v1", "v2 prod"]',
        '  y-axis "loss" 2 --> 3',
        '  line [3, 2]',
        '```',
        '',
        '',
      ].join('\n'),
    );
  });
});
