// Job summaries of prune, promote/demote and auto-promotion, compared line for line.
import { describe, expect, it } from 'vitest';
import type { AliasResult } from '../../src/commands/promote.js';
import { renderAlias, renderPromotions, renderPrune } from '../../src/report/render-registry.js';

describe('renderPrune', () => {
  it('shows policy, pruned ranges and kept versions, and why each kept one beyond the newest stays', () => {
    const text = renderPrune({
      dryRun: false,
      tracks: [
        {
          track: 'model',
          policy: { keepLast: 2, keepDays: 7 },
          pruned: [1, 2, 3, 5],
          kept: [
            { n: 4, why: ['aliased'] },
            { n: 6, why: ['young', 'age-unknown'] },
            { n: 7, why: ['newest'] },
            { n: 8, why: ['newest', 'aliased'] },
          ],
        },
        { track: 'empty', policy: { keepLast: 1 }, pruned: [], kept: [] },
      ],
    });
    expect(text).toBe(
      [
        '## Snapback: prune',
        '',
        '| Track | Policy | Pruned | Kept |',
        '| --- | --- | --- | --- |',
        '| model | keep the last 2 versions, versions younger than 7 days and every aliased version | v1–v3, v5 (4) | v4 (aliased), v6, v7, v8 (aliased) |',
        '| empty | keep the last 1 version and every aliased version | none | none |',
        '',
        'Kept beyond the newest:',
        '',
        '- model v4: aliased',
        '- model v6: young enough, age unknown (no notes)',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing was deleted, and lists no reasons when only the newest stay', () => {
    const text = renderPrune({
      dryRun: true,
      tracks: [
        { track: 't', policy: { keepLast: 3 }, pruned: [1], kept: [{ n: 2, why: ['newest'] }] },
      ],
    });
    expect(text.split('\n')[0]).toBe('## Snapback: prune (dry run, nothing deleted)');
    expect(text).not.toContain('Kept beyond the newest');
    expect(
      text.endsWith('| t | keep the last 3 versions and every aliased version | v1 (1) | v2 |\n'),
    ).toBe(true);
  });

  it('lists at most 100 reasons and escapes track names', () => {
    const kept = Array.from({ length: 120 }, (_, i) => ({ n: i + 1, why: ['aliased' as const] }));
    const text = renderPrune({
      dryRun: false,
      tracks: [{ track: '<b>@x', policy: { keepLast: 0 }, pruned: [], kept }],
    });
    const reasons = text.split('\n').filter((l) => l.startsWith('- '));
    expect(reasons).toHaveLength(100);
    expect(reasons[0]).toBe('- &lt;b&gt;@\u200dx v1: aliased');
    expect(reasons[99]).toBe('- &lt;b&gt;@\u200dx v100: aliased');
  });
});

function alias(extra: Partial<AliasResult>): AliasResult {
  return {
    track: 'model',
    alias: 'production',
    operation: 'promoted',
    version: 5,
    previousVersion: 3,
    commit: 'c'.repeat(40),
    ...extra,
  };
}

describe('renderAlias', () => {
  it('describes each operation, from something and from nothing', () => {
    const cases: [Partial<AliasResult>, string][] = [
      [{}, '`production` of model moved from v3 to **v5**.'],
      [{ previousVersion: null }, '`production` of model moved from nothing to **v5**.'],
      [
        { operation: 'demoted', version: null },
        '`production` of model removed (it pointed at v3).',
      ],
      [
        { operation: 'unchanged', version: 3 },
        '`production` of model already points at v3; nothing changed.',
      ],
      [
        { operation: 'unchanged', version: null, previousVersion: null },
        'model has no alias `production`; nothing changed.',
      ],
      [{ operation: 'dry-run' }, 'Dry run: `production` of model would move from v3 to v5.'],
      [
        { operation: 'dry-run', version: null },
        'Dry run: `production` of model would be removed (it points at v3).',
      ],
    ];
    for (const [extra, line] of cases) {
      expect(renderAlias(alias(extra), undefined)).toBe(`## Snapback: alias\n\n${line}\n`);
    }
  });

  it('adds the reason, escaped and cut at 500 characters', () => {
    expect(renderAlias(alias({}), 'ship | it @ops')).toBe(
      '## Snapback: alias\n\n`production` of model moved from v3 to **v5**.\n\nReason: ship \\| it @\u200dops\n',
    );
    expect(renderAlias(alias({}), 'y'.repeat(600))).toContain(`Reason: ${'y'.repeat(499)}…\n`);
  });

  it('escapes the alias and the track', () => {
    const text = renderAlias(alias({ alias: 'a_b', track: '<t>' }), undefined);
    expect(text).toContain('`a\\_b` of &lt;t&gt; moved');
  });
});

describe('renderPromotions', () => {
  it('renders nothing without a promotion outcome', () => {
    expect(renderPromotions([{ track: 'a', version: 1 }], false)).toBe('');
    expect(renderPromotions([], true)).toBe('');
  });

  it('shows promoted, would-promote and kept decisions', () => {
    const rows = [
      {
        track: 'a',
        version: 5,
        promotion: { alias: 'prod', promoted: true, reason: 'better', from: 4 },
      },
      {
        track: 'b',
        version: 2,
        promotion: { alias: 'prod', promoted: true, reason: 'first', from: null },
      },
      {
        track: 'c',
        version: 9,
        promotion: { alias: 'prod', promoted: false, reason: 'worse | <i>', from: 7 },
      },
      {
        track: 'd',
        version: 1,
        promotion: { alias: 'prod', promoted: false, reason: 'no metric', from: null },
      },
      { track: 'e', version: 3 },
    ];
    expect(renderPromotions(rows, false)).toBe(
      [
        '### Auto-promotion',
        '',
        '| Track | Alias | Decision | Why |',
        '| --- | --- | --- | --- |',
        '| a | prod | promoted v5 (was v4) | better |',
        '| b | prod | promoted v2 | first |',
        '| c | prod | kept v7 | worse \\| &lt;i&gt; |',
        '| d | prod | kept unset | no metric |',
        '',
      ].join('\n'),
    );
    expect(renderPromotions(rows, true)).toContain(
      '| a | prod | would promote v5 (was v4) | better |',
    );
  });
});
