/* global document, getComputedStyle, NodeFilter */
// Runs inside the rendered page (browser.ts sends this file's function): what a reader sees,
// as data. Plain browser JavaScript, so that no bundler helper sneaks into the page.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions
(markerIds) => {
  const rgb = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
    if (!m || (m[4] !== undefined && Number(m[4]) === 0)) return undefined;
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = rgb(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255];

  // Every line and bar of every chart Mermaid drew, with its contrast against the page.
  const series = [];
  const svgs = [...document.querySelectorAll('pre.mermaid svg')];
  for (const svg of svgs) {
    const colours = [
      ...[...svg.querySelectorAll('g[class*="line-plot"] path')].map(
        (p) => getComputedStyle(p).stroke,
      ),
      ...[...svg.querySelectorAll('g[class*="bar-plot"] rect')].map(
        (r) => getComputedStyle(r).fill,
      ),
    ];
    for (const colour of colours) {
      const c = rgb(colour);
      series.push({ colour, contrast: c ? contrast(c, background) : 0 });
    }
  }

  // Text that GitHub would turn into an @-mention (outside code and links).
  const mentions = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest('code, pre, a, script, style')) continue;
    for (const m of (n.textContent ?? '').matchAll(/(?:^|[^\w`])(@[A-Za-z0-9][\w-]*)/g)) {
      mentions.push(m[1]);
    }
  }

  // GitHub's sanitiser prefixes ids with user-content-; either form means user text became HTML.
  const injected = [...document.querySelectorAll('[id]')]
    .map((e) => e.id)
    .filter((id) => markerIds.some((marker) => id === marker || id.endsWith(`-${marker}`)));

  return {
    text: document.body.innerText,
    mentions,
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    injected,
    charts: svgs.length,
    series,
    mermaidError: document.body.dataset.mermaidError,
  };
};
