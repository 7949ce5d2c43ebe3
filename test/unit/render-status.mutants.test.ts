// The status dashboard rendered whole for a rich registry, then each cap and number format.
import { describe, expect, it } from 'vitest';
import type { StatusResult } from '../../src/commands/status.js';
import {
  CHART_POINTS,
  MAX_CHARTS,
  TABLE_VERSIONS,
  formatNumber,
  metricChart,
  mermaidText,
  numericMetrics,
  ranges,
  renderStatus,
} from '../../src/report/render-status.js';
const rich: StatusResult = {
  generatedAt: '2026-01-10T00:00:00.000Z',
  tracks: [
    {
      track: 'model',
      latest: 4,
      versions: [
        {
          version: 2,
          commit: 'c2',
          label: '1.0.0',
          at: '2026-01-02T10:20:30.000Z',
          actor: 'octo',
          reason: 'first | <b>',
          runUrl: 'https://github.com/o/r/actions/runs/2',
          files: 3,
          bytes: 2048,
          changes: { added: 3, modified: 0, deleted: 0 },
          metrics: { f1: 0.5, loss: 2, name: 'x', ok: true, nested: { a: 5 }, list: [1] },
          aliases: ['prod'],
        },
        {
          version: 3,
          commit: 'c3',
          at: '2026-01-03T00:00:00.000Z',
          rollbackOf: 2,
          metrics: { f1: 0.75, loss: 2 },
          aliases: ['beta', 'a_b'],
        },
        {
          version: 4,
          commit: 'c4',
          metrics: { f1: 0.7, b: 2, c: 3, d: 4, e: 5, g: 6, h: 7 },
          aliases: [],
        },
      ],
      aliases: [
        {
          alias: 'prod',
          version: 2,
          latest: 4,
          behind: 2,
          behindSince: '2026-01-03T00:00:00.000Z',
          ageMs: 7 * 86_400_000,
          warnings: ['2 versions behind (threshold 1)', 'old <x>'],
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
        {
          alias: 'top',
          version: 4,
          latest: 4,
          behind: 0,
          behindSince: null,
          ageMs: 0,
          warnings: [],
        },
      ],
      history: {
        prod: [
          {
            alias: 'prod',
            version: 1,
            from: '2025-12-31T23:00:00.000Z',
            until: '2026-01-02T11:00:00.000Z',
            actor: 'octo',
            reason: 'manual',
            runUrl: 'https://github.com/o/r/actions/runs/1',
          },
          {
            alias: 'prod',
            version: 2,
            from: '2026-01-02T11:00:00.000Z',
            until: null,
            rule: 'f1 0.5 vs 0.4',
            reason: 'ignored',
          },
        ],
        beta: [{ alias: 'beta', version: 3, from: '2026-01-03T00:00:00.000Z', until: null }],
      },
      pruned: [{ version: 1, at: '2026-01-05T00:00:00.000Z' }],
    },
    {
      track: 'empty',
      latest: null,
      versions: [],
      aliases: [],
      history: {},
      pruned: [
        { version: 1, at: 'x' },
        { version: 2, at: 'x' },
        { version: 4, at: 'x' },
      ],
    },
  ],
};

describe('renderStatus', () => {
  it('renders aliases with drift, versions, charts, history and pruned versions', () => {
    expect(renderStatus(rich, 'https://github.com/o/r/actions/runs/').split('\n')).toEqual([
      '## Snapback: status',
      '',
      '| Track | Latest | Aliases | Last recorded | Headline metric | Trend |',
      '| --- | --- | --- | --- | --- | --- |',
      '| model | v4 | prod v2 (2 behind ⚠️), beta v3 (1 behind), top v4 | — | f1 = 0.7 | ▁█▇ ▼ −0.05 |',
      '| empty | — | — | — | — | — |',
      '',
      '### model — latest v4',
      '',
      '| Alias | Version | Behind latest | Behind for | |',
      '| --- | --- | ---: | --- | --- |',
      '| prod | v2 | 2 versions | 7d | ⚠️ 2 versions behind (threshold 1); old &lt;x&gt; |',
      '| beta | v3 | 1 version | unknown | ✅ |',
      '| top | v4 | current | — | ✅ |',
      '',
      '| Version | Label | Recorded | Actor | Reason | Files | Size | Changes | Metrics |',
      '| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |',
      '| v4 | — | — | — |  | — | — | — | f1=0.7, b=2, c=3, d=4, e=5, g=6 |',
      '| v3 (beta, a\\_b) | — | 2026-01-03 00:00 | — |  ↩ v2 | — | — | — | f1=0.75, loss=2 |',
      '| v2 (prod) | 1.0.0 | [2026-01-02 10:20](https://github.com/o/r/actions/runs/2) | octo | first \\| &lt;b&gt; | 3 | 2.0 KiB | +3 ~0 −0 | f1=0.5, loss=2, name=x, ok=true, nested.a=5 |',
      '',
      '```mermaid',
      '%%{init: {"xyChart":{"height":260,"width":720},"themeVariables":{"xyChart":{"plotColorPalette":"#1f6feb, #cf222e, #238636, #d1500f, #8250df, #9a6700"}}}}%%',
      'xychart-beta',
      '  title "model: f1"',
      '  x-axis ["v2 prod", "v3 beta a_b", "v4"]',
      '  y-axis "f1" 0.5 --> 0.75',
      '  line [0.5, 0.75, 0.7]',
      '```',
      '',
      '```mermaid',
      '%%{init: {"xyChart":{"height":260,"width":720},"themeVariables":{"xyChart":{"plotColorPalette":"#1f6feb, #cf222e, #238636, #d1500f, #8250df, #9a6700"}}}}%%',
      'xychart-beta',
      '  title "model: loss"',
      '  x-axis ["v2 prod", "v3 beta a_b"]',
      '  y-axis "loss" 1.8 --> 2.2',
      '  line [2, 2]',
      '```',
      '',
      '<details><summary>History of beta (1 promotion)</summary>',
      '',
      '| Version | From | Until | By | Why |',
      '| --- | --- | --- | --- | --- |',
      '| v3 | 2026-01-03 00:00 | now | — |  |',
      '',
      '</details>',
      '',
      '<details><summary>History of prod (2 promotions)</summary>',
      '',
      '| Version | From | Until | By | Why |',
      '| --- | --- | --- | --- | --- |',
      '| v2 | 2026-01-02 11:00 | now | — | rule: f1 0.5 vs 0.4 |',
      '| v1 | [2025-12-31 23:00](https://github.com/o/r/actions/runs/1) | 2026-01-02 11:00 | octo | manual |',
      '',
      '</details>',
      '',
      'Pruned by retention: v1 (1 version).',
      '',
      '',
      '### empty',
      '',
      'No versions (all pruned, or none recorded yet).',
      '',
      'No aliases. Promote a version with `command: promote`.',
      '',
      'Pruned by retention: v1–v2, v4 (3 versions).',
      '',
      '',
    ]);
  });

  it('links only runs of this repository', () => {
    const text = renderStatus(rich, 'https://github.com/other/r/actions/runs/');
    expect(text).not.toContain('](https://');
    expect(text).toContain('| 2026-01-02 10:20 | octo |');
    expect(renderStatus(rich)).not.toContain('](https://');
  });

  it('says so when there is no track', () => {
    expect(renderStatus({ generatedAt: 'x', tracks: [] })).toBe(
      '## Snapback: status\n\nNo track has versions yet. Record one with `command: record`.\n',
    );
  });
});

type Version = StatusResult['tracks'][number]['versions'][number];
const version = (n: number, metrics?: Record<string, unknown>): Version => ({
  version: n,
  commit: `c${n}`,
  aliases: [],
  ...(metrics ? { metrics } : {}),
});
const trackOf = (versions: Version[], extra: Partial<StatusResult['tracks'][number]> = {}) => ({
  generatedAt: 'x',
  tracks: [
    {
      track: 't',
      latest: versions.length,
      versions,
      aliases: [],
      history: {},
      pruned: [],
      ...extra,
    },
  ],
});

describe('status caps', () => {
  it('lists the newest versions only, and says how many are left out', () => {
    expect(TABLE_VERSIONS).toBe(30);
    const rows = (n: number) =>
      renderStatus(trackOf(Array.from({ length: n }, (_, i) => version(i + 1))))
        .split('\n')
        .filter((l) => /^\| v\d+ \|/.test(l));
    expect(rows(30)).toHaveLength(30);
    const text = renderStatus(trackOf(Array.from({ length: 32 }, (_, i) => version(i + 1))));
    expect(text).toContain('\n\n2 older versions are not shown here; the status file lists all.\n');
    expect(rows(32)[0]).toMatch(/^\| v32 \|/);
    expect(rows(32)[29]).toMatch(/^\| v3 \|/);
    expect(renderStatus(trackOf([version(1)]))).not.toContain('older versions');
  });

  it('draws at most 8 charts of at most 50 points, skipping metrics with one point', () => {
    expect(MAX_CHARTS).toBe(8);
    expect(CHART_POINTS).toBe(50);
    const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
    const versions = Array.from({ length: 60 }, (_, i) =>
      version(i + 1, Object.fromEntries(names.map((n) => [n, i]))),
    );
    const text = renderStatus(trackOf(versions));
    expect(text.match(/```mermaid/g)).toHaveLength(8);
    expect(text).toContain('title "t: m7"');
    expect(text).not.toContain('title "t: m8"');
    const axis = text.split('\n').find((l) => l.startsWith('  x-axis'))!;
    expect(axis.split(', ')).toHaveLength(50);
    expect(axis.startsWith('  x-axis ["v11", ')).toBe(true);
    expect(axis.endsWith(', "v60"]')).toBe(true);
    expect(renderStatus(trackOf([version(1, { a: 1 }), version(2, { b: 2 })]))).not.toContain(
      'mermaid',
    );
  });

  it('lists the newest 50 tenures of an alias, newest first', () => {
    const history = {
      prod: Array.from({ length: 55 }, (_, i) => ({
        alias: 'prod',
        version: i + 1,
        from: `2026-01-01T00:${String(i).padStart(2, '0')}:00.000Z`,
        until: null,
      })),
    };
    const text = renderStatus(trackOf([version(1)], { history }));
    expect(text).toContain('History of prod (55 promotions)');
    const rows = text.split('\n').filter((l) => /^\| v\d+ \| 2026/.test(l));
    expect(rows).toHaveLength(50);
    expect(rows[0]).toMatch(/^\| v55 \|/);
    expect(rows[49]).toMatch(/^\| v6 \|/);
  });
});

describe('chart pieces', () => {
  it('pads a flat line around zero by 1 and elsewhere by a tenth, one line per series', () => {
    const chart = (points: { label: string; values: number[] }[]) => metricChart('t', 'm', points);
    expect(
      chart([
        { label: 'v1', values: [0] },
        { label: 'v2', values: [0] },
      ])[5],
    ).toBe('  y-axis "m" -1 --> 1');
    expect(
      chart([
        { label: 'v1', values: [-5] },
        { label: 'v2', values: [-5] },
      ])[5],
    ).toBe('  y-axis "m" -5.5 --> -4.5');
    expect(
      chart([
        { label: 'v1', values: [3, 1] },
        { label: 'v2 "x"', values: [-1, 2] },
      ]).slice(2),
    ).toEqual([
      'xychart-beta',
      '  title "t"',
      '  x-axis ["v1", "v2 x"]',
      '  y-axis "m" -1 --> 3',
      '  line [3, -1]',
      '  line [1, 2]',
      '```',
    ]);
  });

  it('writes plain decimals with at most 6 significant digits', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [1e21, '1000000000000000000000'],
      [-2e22, '-20000000000000000000000'],
      [123456789, '123457000'],
      [1e-7, '0.0000001'],
      [-0.000012345, '-0.000012345'],
      [0.1 + 0.2, '0.3'],
      [NaN, '0'],
      [Infinity, '0'],
      [1234567.89, '1234570'],
      [2.5e-8, '0.000000025'],
    ];
    for (const [x, text] of cases) expect(formatNumber(x)).toBe(text);
  });

  it('makes titles inert and short', () => {
    expect(mermaidText('  a"b`c[d]{e}<f>#g;h\n\ti  ')).toBe('a b c d e f g h i');
    expect(mermaidText('x'.repeat(100))).toBe('x'.repeat(80));
  });

  it('collapses version lists into ranges', () => {
    expect(ranges([5, 1, 3, 2, 2, 8, 7, 10])).toBe('v1–v3, v5, v7–v8, v10');
    expect(ranges([10, 9])).toBe('v9–v10');
    expect(ranges([])).toBe('');
    expect(ranges([4])).toBe('v4');
  });

  it('names finite numeric metrics, first seen first', () => {
    expect(
      numericMetrics([
        version(1, { a: 1, b: NaN, c: '2', d: Infinity }),
        version(2, { e: 1, a: 2 }),
        version(3),
      ]),
    ).toEqual(['a', 'e']);
  });
});
