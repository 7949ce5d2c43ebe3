import { describe, expect, it } from 'vitest';
import type { DiffResult, FileDiff, TrackDiff } from '../../src/commands/diff.js';
import { COMMENT_LIMIT, renderDiff, sameComment } from '../../src/report/render-diff.js';

function file(path: string, extra: Partial<FileDiff> = {}): FileDiff {
  return {
    status: 'M',
    path,
    oldPath: path,
    oldMode: '100644',
    newMode: '100644',
    oldOid: 'a'.repeat(40),
    newOid: 'b'.repeat(40),
    oldSize: 10,
    newSize: 12,
    content: null,
    ...extra,
  };
}

function track(files: FileDiff[], name = 'config'): TrackDiff {
  return {
    track: name,
    from: { describe: 'v3 (active)', version: 3, commit: 'c' },
    to: { describe: 'work tree', version: null, commit: null },
    files,
    contentSkipped: 0,
  };
}

const comment = (result: DiffResult) =>
  renderDiff(result, {
    budget: COMMENT_LIMIT,
    marker: '<!-- snapback:diff tracks=config -->',
    fullReportUrl: 'https://github.com/o/r/actions/runs/1/attempts/1',
  });

describe('renderDiff', () => {
  it('keeps 10,000 changed files within a comment, saying what was left out and where the rest is', () => {
    const files = Array.from({ length: 10_000 }, (_, i) =>
      file(`models/layer-${i}/weights-${i}.json`, {
        content: {
          kind: 'structured',
          format: 'json',
          keys: [{ path: `w[${i}]`, kind: 'changed', before: i, after: i + 1 }],
        },
      }),
    );
    const text = comment({ tracks: [track(files)] });
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text.startsWith('<!-- snapback:diff tracks=config -->')).toBe(true);
    expect(text).toContain('**10000 files changed**: 10000 modified');
    const shown = text.split('\n').filter((l) => l.startsWith('| 🟡 modified')).length;
    expect(shown).toBeGreaterThan(100);
    expect(text).toContain(
      `Showing ${shown.toLocaleString('en-US')} of 10,000 files to stay within GitHub's size limit; every file is in [the job summary of this run]`,
    );
    // Past the threshold the list is folded under a table by folder, and every fold is closed.
    expect(text).toContain('| Folder | Added | Modified | Deleted | Renamed |');
    expect(text).toContain('<details><summary>All 10,000 files</summary>');
    expect(text.match(/<details>/g)!.length).toBe(text.match(/<\/details>/g)!.length);
    expect(text).toContain(
      '[the job summary of this run](https://github.com/o/r/actions/runs/1/attempts/1)',
    );
  });

  it('gives every track a share when one track is huge', () => {
    const big = track(
      Array.from({ length: 10_000 }, (_, i) => file(`big/${i}.bin`)),
      'big',
    );
    const small = track([file('conf/a.json')], 'small');
    const text = comment({ tracks: [big, small] });
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text).toContain('| 🟡 modified | conf/a.json |');
  });

  it('says so when nothing differs', () => {
    expect(comment({ tracks: [track([])] })).toContain('No changes: the files are identical.');
  });

  it('escapes hostile file names, keys and values', () => {
    const evil = 'x`|<img src=x onerror=alert(1)>\n@octocat [a](http://e.vil)';
    const text = comment({
      tracks: [
        track([
          file(evil, {
            content: {
              kind: 'structured',
              format: 'json',
              keys: [{ path: evil, kind: 'changed', before: evil, after: '</details><script>' }],
            },
          }),
        ]),
      ],
    });
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<script');
    expect(text).not.toContain('</details><');
    expect(text).not.toContain('@octocat');
    // Markdown links cannot form outside HTML blocks; inside <summary> (raw HTML, where Markdown
    // is not read) no bare URL is left for a linker to find.
    for (const line of text.split('\n')) {
      if (line.startsWith('<details><summary>')) expect(line).not.toContain('://');
      else expect(line).not.toMatch(/[^\\]\[a\]\(http/);
    }
    // No row is broken by a pipe or a line break from the data.
    for (const line of text.split('\n').filter((l) => l.startsWith('| '))) {
      expect(line.split(/(?<!\\)\|/).length).toBe(6);
    }
  });

  it('shows renames with both paths and similarity, and key changes with before and after', () => {
    const text = comment({
      tracks: [
        track([
          file('new/place.yaml', { status: 'R', oldPath: 'old/place.yaml', similarity: 87 }),
          file('conf/app.json', {
            content: {
              kind: 'structured',
              format: 'json',
              keys: [{ path: 'llm.model', kind: 'changed', before: 'a', after: 'b' }],
            },
          }),
        ]),
      ],
    });
    expect(text).toContain('| 🔵 renamed | old/place.yaml → new/place.yaml (87%) |');
    expect(text).toContain('| changed | llm.model | "a" | "b" |');
  });

  it('on a pull request: says what is compared, and when and by which run it last changed', () => {
    const result = { tracks: [track([file('conf/a.json')])] };
    const pr = {
      number: 7,
      headSha: 'a'.repeat(40),
      baseRef: 'main',
      at: '2026-12-01T17:21:09.000Z',
      runUrl: 'https://github.com/o/r/actions/runs/1/attempts/1',
    };
    const text = renderDiff(result as never, { budget: COMMENT_LIMIT, pullRequest: pr });
    expect(text).toContain(
      "Each track's **active version** (its latest when no `active` alias is set) against the files of pull request #7 (head `aaaaaaa` merged into main) as this run checked them out",
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '<sub>Last changed 2026-12-01 17:21 UTC by [this run](https://github.com/o/r/actions/runs/1/attempts/1).</sub>',
    );
    const later = renderDiff(result as never, {
      budget: COMMENT_LIMIT,
      pullRequest: {
        ...pr,
        at: '2026-12-02T08:00:00.000Z',
        runUrl: 'https://github.com/o/r/actions/runs/2/attempts/1',
      },
    });
    expect(sameComment(text, later)).toBe(true);
    const other = renderDiff({ tracks: [track([file('conf/b.json')])] } as never, {
      budget: COMMENT_LIMIT,
      pullRequest: pr,
    });
    expect(sameComment(text, other)).toBe(false);
  });

  it('on a pull request: names a base branch as escaped text, and says when the inputs chose the sides', () => {
    const result = { tracks: [track([file('conf/a.json')])] };
    const pr = {
      number: 3,
      headSha: 'b'.repeat(40),
      baseRef: 'release_1*x',
      at: '2026-12-01T00:00:00Z',
    };
    const text = renderDiff(result as never, { budget: COMMENT_LIMIT, pullRequest: pr });
    expect(text).toContain('(head `bbbbbbb` merged into release\\_1\\*x)');
    const custom = renderDiff(result as never, {
      budget: COMMENT_LIMIT,
      pullRequest: { ...pr, customSides: true },
    });
    expect(custom).toContain(
      'Each track compared as its heading says (the `from` and `to` inputs), for pull request #3',
    );
    expect(custom).not.toContain('active version');
  });
});
