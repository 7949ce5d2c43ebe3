/**
 * Headless Chromium (Debian's `chromium` package) driven by playwright-core: opens a rendered
 * page, waits for Mermaid, takes a full-page screenshot and reads what a person would see.
 * Nothing is downloaded: the browser must already be installed (`apt-get install chromium`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** The inspection runs inside the page: plain browser JavaScript kept in a file of its own. */
const IN_PAGE = readFileSync(new URL('./in-page.js', import.meta.url), 'utf8')
  .replace(/^[\s\S]*?(?=\(markerIds\) =>)/, '')
  .replace(/;?\s*$/, '');

const MAX_SHOT_HEIGHT = 8000;

export const CHROMIUM = process.env.SNAPBACK_CHROMIUM ?? '/usr/bin/chromium';

export interface Inspection {
  /** What the page shows as text (innerText), headings of collapsed parts included. */
  text: string;
  /** Text outside code, pre and links that GitHub would turn into an @-mention. */
  mentions: string[];
  /** href of every link. */
  links: string[];
  /** ids of elements that carry one of the given marker ids (user text that became HTML). */
  injected: string[];
  charts: number;
  /** Every line and bar of every chart: its colour and contrast against the page background. */
  series: { colour: string; contrast: number }[];
  mermaidError: string | undefined;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install chromium), ` +
        'or point SNAPBACK_CHROMIUM at a Chromium binary',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens `htmlFile`, waits until Mermaid has drawn, screenshots it and inspects the DOM. */
export async function inspect(
  browser: Browser,
  htmlFile: string,
  screenshot: string,
  markerIds: readonly string[],
): Promise<Inspection> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  try {
    await page.goto(pathToFileURL(htmlFile).href);
    await page.waitForSelector('body[data-rendered="yes"]', { timeout: 120_000 });
    // The screenshot shows the page as a reader first sees it (folded parts closed); the text
    // inspection then opens every <details>, so folded parts are checked too.
    // Very long pages (a summary of 10,000 files) are cut at a height a person would scroll.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    await page.screenshot({
      path: screenshot,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1100, height: Math.min(height, MAX_SHOT_HEIGHT) },
      timeout: 300_000,
    });
    await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    return (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(markerIds)})`)) as Inspection;
  } finally {
    await page.close();
  }
}
