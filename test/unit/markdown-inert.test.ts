/**
 * Every text a user controls (reasons, labels, track and alias names, file names, keys, values,
 * actors, metric names, notes) is inert wherever it reaches Markdown: rendered as GitHub renders
 * it, a hostile text gives exactly the structure a plain word gives in its place (no HTML, no
 * link, no image, no emphasis, no broken table row, no extra paragraph), and adds no mention,
 * issue reference or bare URL. The check is about what renders, not about an escaping style.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiffResult, FileDiff } from '../../src/commands/diff.js';
import type { RecordResult } from '../../src/commands/record.js';
import type { StatusResult } from '../../src/commands/status.js';
import { renderDiff } from '../../src/report/render-diff.js';
import { renderRecordSummary } from '../../src/report/render-record.js';
import { renderAlias, renderPromotions, renderPrune } from '../../src/report/render-registry.js';
import { closedComment, rollbackBody } from '../../src/report/render-rollback.js';
import { renderStatus } from '../../src/report/render-status.js';
import { render, type Rendering } from '../harness/markdown-oracle.js';

const SERVER = 'https://github.example';
const RUN_PAGES = `${SERVER}/acme/repo/actions/runs/`;
const RUN = `${RUN_PAGES}42/attempts/1`;

/** Pieces of the attacks people actually try, mixed with plain text and odd characters. */
const PIECES = [
  '<b>x</b>',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<details><summary>',
  '</summary></details>',
  '</td></tr></table>',
  '<!--',
  '-->',
  '<a href="https://evil.example">',
  '|',
  ' | ',
  '\n',
  '\r\n',
  '\n\n',
  '\t',
  '    ',
  '@octocat',
  '@acme/admins',
  'x@octocat',
  'a@b.example',
  'https://evil.example/p?q=1',
  'http://evil.example',
  'www.evil.example',
  'mailto:a@b.example',
  '[x](https://evil.example)',
  '![i](https://evil.example/i.png)',
  '<https://evil.example>',
  '[x]: https://evil.example',
  '[x][1]',
  '**b**',
  '__b__',
  '*i*',
  '_i_',
  '~~s~~',
  '`c`',
  '```',
  '\\',
  '&lt;b&gt;',
  '&#60;b&#62;',
  '&amp;',
  '#1',
  'fixes #12',
  'GH-3',
  'acme/repo#7',
  '# heading',
  '---',
  '> quote',
  '- item',
  '1. item',
  '- [ ] task',
  ':',
  '/',
  '.',
  '(',
  ')',
  '"',
  "'",
  '=',
  'x',
  'word',
  '\u200d',
  '\u0000',
  'é',
  '😀',
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => `r${parts.join('')}`);

/** Which user texts a surface takes; `u(slot)` gives each slot's text. */
type Build = (u: (slot: string) => string) => string;

function file(u: (slot: string) => string, status: FileDiff['status']): FileDiff {
  return {
    status,
    path: u('path'),
    oldPath: status === 'R' ? u('old path') : u('path'),
    ...(status === 'R' ? { similarity: 90 } : {}),
    oldMode: status === 'A' ? null : '100644',
    newMode: status === 'D' ? null : '100644',
    oldOid: status === 'A' ? null : 'a'.repeat(40),
    newOid: status === 'D' ? null : 'b'.repeat(40),
    oldSize: 10,
    newSize: 12,
    content:
      status === 'M'
        ? {
            kind: 'structured',
            format: 'json',
            keys: [
              { path: u('key'), kind: 'changed', before: u('before'), after: u('after') },
              { path: u('key 2'), kind: 'added', after: { [u('nested key')]: [u('item')] } },
            ],
          }
        : status === 'T'
          ? { kind: 'text', lines: { added: 1, removed: 2 }, note: u('note') }
          : null,
  };
}

function diffResult(u: (slot: string) => string): DiffResult {
  return {
    tracks: [
      {
        track: u('track'),
        from: { describe: u('from'), version: 1, commit: 'c'.repeat(40) },
        to: { describe: u('to'), version: 2, commit: 'd'.repeat(40) },
        files: (['A', 'M', 'D', 'R', 'T'] as const).map((s) => file(u, s)),
        contentSkipped: 1,
      },
    ],
  };
}

function recordResult(u: (slot: string) => string): RecordResult {
  const change = (status: 'A' | 'M' | 'D') => {
    const f = file(u, status);
    return { ...f, content: undefined };
  };
  return {
    sourceCommit: 'e'.repeat(40),
    tracks: [
      {
        track: u('track'),
        status: 'recorded',
        version: 3,
        previousVersion: 2,
        ref: 'refs/versions/t/3',
        commit: 'f'.repeat(40),
        label: u('label'),
        files: 3,
        bytes: 30,
        changes: {
          added: 1,
          modified: 1,
          deleted: 1,
          bytesBefore: 10,
          bytesAfter: 20,
          changes: [change('A'), change('M'), change('D')],
        },
        foundAgain: false,
        promotion: { alias: u('alias'), promoted: true, reason: u('rule reason'), from: 2 },
      },
    ],
  };
}

function statusResult(u: (slot: string) => string, runUrl: string, tracks = 1): StatusResult {
  const track = (i: number) => ({
    track: `${u('track')}${i}`,
    latest: 3,
    versions: [1, 2, 3].map((v) => ({
      version: v,
      commit: 'c'.repeat(40),
      label: u('label'),
      at: `2026-01-0${v}T00:00:00.000Z`,
      actor: u('actor'),
      reason: u('reason'),
      runUrl,
      files: 2,
      bytes: 20,
      changes: { added: 1, modified: 0, deleted: 0 },
      metrics: { [u('metric')]: v / 10, f1: v / 10, [u('text metric')]: u('metric value') },
      aliases: v === 2 ? [u('alias')] : [],
      ...(v === 3 ? { rollbackOf: 1 } : {}),
    })),
    aliases: [
      {
        alias: u('alias'),
        version: 2,
        latest: 3,
        behind: 1,
        behindSince: '2026-01-03T00:00:00.000Z',
        ageMs: 86_400_000,
        warnings: [u('warning')],
      },
    ],
    history: {
      [u('alias')]: [
        {
          alias: u('alias'),
          version: 2,
          from: '2026-01-02T00:00:00.000Z',
          until: null,
          actor: u('actor'),
          reason: u('history reason'),
          runUrl,
        },
        {
          alias: u('alias'),
          version: 1,
          from: '2026-01-01T00:00:00.000Z',
          until: '2026-01-02T00:00:00.000Z',
          rule: u('rule'),
          runUrl,
        },
      ],
    },
    pruned: [{ version: 0, at: '2026-01-01T00:00:00.000Z' }],
  });
  return {
    generatedAt: '2026-01-10T00:00:00.000Z',
    tracks: Array.from({ length: tracks }, (_, i) => track(i)),
  };
}

const rollbackFacts = (u: (slot: string) => string) => ({
  // Shown in bold, where a trailing space would undo it; track names have no white space or control characters.
  track: u('track').replace(/[\s\u0000-\u001f\u007f]/g, '') || 'r',
  target: 2,
  label: u('label'),
  replaces: 3,
  base: u('base'),
  reason: u('reason'),
  runUrl: RUN,
});

/** Every renderer of the product, each with every user-controlled text it takes. */
const SURFACES: Record<string, Build> = {
  'record summary': (u) =>
    renderRecordSummary(recordResult(u), { runUrl: RUN, reason: u('reason') }),
  'record promotions': (u) => renderPromotions(recordResult(u).tracks, false),
  'diff summary': (u) => renderDiff(diffResult(u), { budget: 100_000, heading: 'changes' }),
  'diff comment': (u) =>
    renderDiff(diffResult(u), {
      budget: 65_536,
      heading: 'how pull request #3 changes the tracked files',
      marker: '<!-- snapback:diff tracks=t -->',
      fullReportUrl: RUN,
    }),
  prune: (u) =>
    renderPrune({
      dryRun: false,
      tracks: [
        {
          track: u('track'),
          policy: { keepLast: 2, keepDays: 3 },
          kept: [
            { n: 3, why: ['newest'] },
            { n: 1, why: ['aliased', 'young'] },
          ],
          pruned: [2],
        },
      ],
    }),
  // The alias is shown as code: only names assertAliasName accepts reach it.
  alias: (u) =>
    renderAlias(
      {
        track: u('track'),
        alias: 'production',
        operation: 'promoted',
        version: 2,
        previousVersion: 1,
        commit: 'c'.repeat(40),
      },
      u('reason'),
    ),
  status: (u) => renderStatus(statusResult(u, RUN), RUN_PAGES),
  'status, folded tracks': (u) => renderStatus(statusResult(u, RUN, 4), RUN_PAGES),
  'rollback body': (u) => rollbackBody(rollbackFacts(u), diffResult(u), 65_536),
  'rollback closed comment': (u) => closedComment(rollbackFacts(u)),
};

function describeDifference(plain: Rendering, attacked: Rendering): string {
  return `plain:\n${plain.skeleton}\nattacked:\n${attacked.skeleton}`;
}

describe('user text is inert in every rendered surface', () => {
  for (const [name, build] of Object.entries(SURFACES)) {
    // Big surfaces take the oracle a while to parse: fewer runs there.
    const numRuns = name.includes('folded') ? 20 : 60;
    it(`${name}: a hostile text renders like a plain word`, () => {
      const plain = render(build(() => 'word'));
      // The surface does have links of its own (to the run), and they are all it has.
      for (const t of plain.targets) expect(t.startsWith(`${SERVER}/`), t).toBe(true);
      fc.assert(
        fc.property(hostile, (text) => {
          const markdown = build(() => text);
          const attacked = render(markdown);
          const context = `${describeDifference(plain, attacked)}\nmarkdown:\n${markdown}`;
          expect(attacked.skeleton, context).toBe(plain.skeleton);
          expect(attacked.targets, context).toEqual(plain.targets);
          expect(attacked.mentions, context).toEqual(plain.mentions);
          expect(attacked.references, context).toEqual(plain.references);
          expect(attacked.bareUrls, context).toEqual(plain.bareUrls);
          expect(attacked.tables, context).toEqual(plain.tables);
        }),
        { numRuns },
      );
    });
  }

  it("links only to this repository's run pages, whatever run address a note claims", () => {
    const word = () => 'word';
    const ours = render(renderStatus(statusResult(word, RUN), RUN_PAGES));
    expect(ours.targets.length).toBeGreaterThan(0);
    for (const claimed of [
      'https://evil.example/acme/repo/actions/runs/1',
      `${SERVER}.evil.example/acme/repo/actions/runs/1`,
      `${SERVER}/other/repo/actions/runs/1`,
      `${RUN_PAGES}1) [x](https://evil.example`,
      'javascript:alert(1)',
    ]) {
      const md = renderStatus(statusResult(word, claimed), RUN_PAGES);
      const r = render(md);
      expect(r.targets, md).toEqual([]);
      expect(r.bareUrls, md).toEqual([]);
      expect(r.skeleton.replace(/<a><\/a>/g, '')).toBe(ours.skeleton.replace(/<a><\/a>/g, ''));
    }
  });

  it('the oracle itself sees each attack when it is not escaped', () => {
    const raw = PIECES.map((p) => render(`a ${p} b`));
    const all = (key: 'targets' | 'mentions' | 'references') => raw.flatMap((r) => r[key]);
    const skeletons = raw.map((r) => r.skeleton).join('');
    for (const tag of ['b', 'img', 'script', 'details', 'a', 'strong', 'em', 'del', 'code']) {
      expect(skeletons).toContain(`<${tag}>`);
    }
    expect(render('| a | b |\n| - | - |\n| x | y |').skeleton).toContain('<table>');
    expect(all('targets')).toEqual(
      expect.arrayContaining([
        'https://evil.example',
        'https://evil.example/i.png',
        'https://evil.example/p?q=1',
        'http://www.evil.example',
        'mailto:a@b.example',
      ]),
    );
    expect(all('mentions')).toEqual(expect.arrayContaining(['@octocat', '@acme/admins']));
    expect(all('references')).toEqual(expect.arrayContaining(['#12', 'GH-3', 'acme/repo#7']));
    expect(render('<details><summary>see https://evil.example</summary>').bareUrls).toHaveLength(1);
  });
});
