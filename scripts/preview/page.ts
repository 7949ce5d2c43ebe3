/**
 * Markdown to an HTML page that looks like GitHub's rendering: GitHub-flavoured Markdown
 * (CommonMark + tables, strikethrough, autolinks, task lists), raw HTML sanitised with the schema
 * modelled on GitHub's own (ids get the `user-content-` prefix, scripts and event handlers go),
 * GitHub's Markdown stylesheet in its light or dark theme, and Mermaid drawing the ```mermaid
 * blocks as GitHub does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

export type Theme = 'light' | 'dark';

const require = createRequire(import.meta.url);
const cssDir = dirname(require.resolve('github-markdown-css/package.json'));
const MERMAID = require.resolve('mermaid/dist/mermaid.min.js');

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
  value?: string;
}

/** ```mermaid blocks become <pre class="mermaid"> for Mermaid to draw (after sanitising). */
function mermaidBlocks() {
  const visit = (node: HastNode): void => {
    for (const child of node.children ?? []) {
      const code = child.tagName === 'pre' ? child.children?.[0] : undefined;
      const classes = code?.properties?.className;
      if (
        code?.tagName === 'code' &&
        Array.isArray(classes) &&
        classes.includes('language-mermaid')
      ) {
        child.properties = { className: ['mermaid'] };
        child.children = code.children ?? [];
      } else visit(child);
    }
  };
  return (tree: HastNode) => visit(tree);
}

export async function markdownToHtml(markdown: string): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize)
    .use(mermaidBlocks)
    .use(rehypeStringify)
    .process(markdown);
  return String(file);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A whole page: one or more rendered surfaces, each under its own heading. */
export function page(
  title: string,
  sections: { heading: string; html: string }[],
  theme: Theme,
): string {
  const css = readFileSync(join(cssDir, `github-markdown-${theme}.css`), 'utf8');
  const background = theme === 'dark' ? '#0d1117' : '#ffffff';
  const body = sections
    .map(
      (s) =>
        `<section class="surface"><p class="surface-title">${escapeHtml(s.heading)}</p>` +
        `<article class="markdown-body">${s.html}</article></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${css}
body { background: ${background}; margin: 0; padding: 24px; }
.surface { max-width: 980px; margin: 0 auto 32px; border: 1px solid #8884; border-radius: 6px; padding: 16px 32px; }
.surface-title { font: 600 12px/1.5 system-ui, sans-serif; color: #888; margin: 0 0 8px; text-transform: uppercase; }
</style>
<script src="file://${MERMAID}"></script>
</head><body>
${body}
<script>
  mermaid.initialize({ startOnLoad: false, theme: ${JSON.stringify(theme === 'dark' ? 'dark' : 'default')} });
  mermaid.run({ querySelector: 'pre.mermaid' })
    .catch((e) => { document.body.dataset.mermaidError = String(e && e.message || e); })
    .finally(() => { document.body.dataset.rendered = 'yes'; });
</script>
</body></html>
`;
}
