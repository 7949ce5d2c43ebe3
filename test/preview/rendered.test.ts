/**
 * Every summary, comment and pull request body the product writes, rendered as GitHub renders
 * it (GFM, GitHub's sanitiser and stylesheet, Mermaid) in headless Chromium, in the light and the
 * dark theme, and checked the way a reader would look at it. Screenshots land in .preview/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect, launch, type Inspection } from '../../scripts/preview/browser.js';
import { markdownToHtml, page, type Theme } from '../../scripts/preview/page.js';
import { collectSurfaces, INJECTED_IDS, type Surface } from '../../scripts/preview/surfaces.js';
import { cleanupTempDirs } from '../harness/index.js';

const OUT = resolve('.preview');
const THEMES: Theme[] = ['light', 'dark'];
/** GitHub's limit on a comment or pull request body. */
const BODY_LIMIT = 65_536;
/** WCAG's minimum contrast for graphical objects such as chart lines. */
const MIN_CONTRAST = 3;

let browser: Browser;
let surfaces: Surface[] = [];
let serverUrl = '';
const seen = new Map<string, Inspection>();

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  ({ surfaces, serverUrl } = await collectSurfaces());
  browser = await launch();
  const index: { heading: string; html: string }[] = [];
  for (const s of surfaces) {
    writeFileSync(join(OUT, `${s.id}.md`), s.markdown);
    const html = await markdownToHtml(s.markdown);
    index.push({ heading: `${s.kind}: ${s.title}`, html });
    for (const theme of THEMES) {
      const file = join(OUT, `${s.id}.${theme}.html`);
      writeFileSync(file, page(s.title, [{ heading: `${s.kind}: ${s.title}`, html }], theme));
      const shot = join(OUT, `${s.id}.${theme}.png`);
      seen.set(`${s.id}.${theme}`, await inspect(browser, file, shot, INJECTED_IDS));
    }
  }
  for (const theme of THEMES) {
    writeFileSync(join(OUT, `index.${theme}.html`), page('Snapback preview', index, theme));
  }
  console.log(
    `Rendered ${surfaces.length} surfaces in ${THEMES.length} themes: ${OUT}/index.light.html, ` +
      `screenshots ${OUT}/<surface>.<theme>.png`,
  );
});

afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

const each = () =>
  surfaces.flatMap((s) => THEMES.map((t) => ({ s, t, r: seen.get(`${s.id}.${t}`)! })));

describe('rendered surfaces', () => {
  it('covers every kind of text the product writes', () => {
    expect(surfaces.map((s) => s.id).sort()).toEqual(
      [
        'diff-10000-summary',
        'diff-summary',
        'pr-comment',
        'pr-comment-10000',
        'promote-summary',
        'prune-summary',
        'record-summary',
        'rollback-body',
        'rollback-summary',
        'status-summary',
      ].sort(),
    );
    for (const s of surfaces) expect(s.markdown.trim(), s.id).not.toBe('');
  });

  it('shows no literal backslash escapes', () => {
    for (const { s, t, r } of each()) {
      const escapes = r.text.match(/\\[\\`*_{}[\]()#+\-.!|<>~@]/g) ?? [];
      expect(escapes, `${s.id} (${t})`).toEqual([]);
    }
  });

  it('turns no user text into HTML, mentions or foreign links', () => {
    const allowed = (href: string) =>
      href.startsWith('#') ||
      (/^https?:\/\//.test(href) &&
        href.startsWith(`${serverUrl}/`) &&
        /\/(actions\/runs\/\d+|pull\/\d+)/.test(href));
    for (const { s, t, r } of each()) {
      expect(r.injected, `${s.id} (${t}): user text became HTML`).toEqual([]);
      expect(r.mentions, `${s.id} (${t}): would notify people`).toEqual([]);
      expect(
        r.links.filter((h) => !allowed(h)),
        `${s.id} (${t}): links`,
      ).toEqual([]);
    }
  });

  it('draws the status charts with lines readable in both themes', () => {
    for (const t of THEMES) {
      const r = seen.get(`status-summary.${t}`)!;
      expect(r.mermaidError, t).toBeUndefined();
      expect(r.charts, t).toBeGreaterThan(0);
      expect(r.series.length, t).toBeGreaterThan(0);
      for (const line of r.series)
        expect(line.contrast, `${t}: ${line.colour}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });

  it("keeps comments and pull request bodies within GitHub's limit", () => {
    for (const s of surfaces.filter((x) => x.kind !== 'job summary')) {
      expect(s.markdown.length, s.id).toBeLessThanOrEqual(BODY_LIMIT);
    }
  });
});
