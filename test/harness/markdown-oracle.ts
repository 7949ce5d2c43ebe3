// What GitHub would make of a Markdown text, reduced to what matters for safety: the element
// structure (HTML tags, table rows and cells, links, emphasis), every link's target, and the
// text GitHub turns into notifications or links after rendering (@-mentions, issue references,
// bare URLs). GFM is parsed by remark-gfm (CommonMark + GFM, autolink literals included) with
// raw HTML kept and parsed, not sanitised, so HTML that GitHub's sanitiser would let through
// (images, links, details) and HTML it would strip both show up.
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
  value?: string;
}

export interface Rendering {
  /** Elements and comments, nested, without text: `<table><tr><td></td>…`. */
  skeleton: string;
  /** href of every link, src of every image or frame. */
  targets: string[];
  /** Outside code and links: what GitHub would turn into a mention, reference or link. */
  mentions: string[];
  references: string[];
  bareUrls: string[];
  /** Cells of each row, per table: a broken row shows as a different count. */
  tables: number[][];
}

// GitHub's mention filter: @login or @org/team, not preceded by a word character or a backtick.
const MENTION = /(?<![\w`@/])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?/g;
// Issue and pull request references (#12, GH-12, owner/repo#12) become links, and closing
// keywords in a pull request body close them on merge.
const REFERENCE = /(?<![\w&#])(?:[\w.-]+\/[\w.-]+)?#\d+\b|\bGH-\d+\b/gi;
// Bare URLs: GFM links them in Markdown, and GitHub links them in HTML text too.
const BARE_URL = /\b(?:https?|ftp):\/\/[^\s<>"']|\bwww\.[A-Za-z0-9]/gi;

const pipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw);

export function render(markdown: string): Rendering {
  const mdast = pipeline.parse(markdown) as unknown as HastNode;
  // Table rows as parsed, before HTML pads or cuts them to the header's width.
  const tables: number[][] = [];
  const tablesOf = (node: HastNode): void => {
    if (node.type === 'table')
      tables.push((node.children ?? []).map((row) => row.children?.length ?? 0));
    for (const c of node.children ?? []) tablesOf(c);
  };
  tablesOf(mdast);
  const tree = pipeline.runSync(mdast as never) as HastNode;
  const out: Rendering = {
    skeleton: '',
    targets: [],
    mentions: [],
    references: [],
    bareUrls: [],
    tables,
  };
  const walk = (node: HastNode, inert: boolean): void => {
    if (node.type === 'element') {
      const tag = node.tagName ?? '?';
      out.skeleton += `<${tag}>`;
      for (const attr of ['href', 'src', 'srcSet', 'action', 'formAction', 'poster', 'data']) {
        const v = node.properties?.[attr];
        if (v !== undefined) out.targets.push(String(v));
      }
      const childInert = inert || ['code', 'pre', 'a'].includes(tag);
      for (const c of node.children ?? []) walk(c, childInert);
      out.skeleton += `</${tag}>`;
    } else if (node.type === 'comment') {
      out.skeleton += '<!---->';
    } else if (node.type === 'text' && !inert) {
      const text = node.value ?? '';
      out.mentions.push(...(text.match(MENTION) ?? []));
      out.references.push(...(text.match(REFERENCE) ?? []));
      out.bareUrls.push(...(text.match(BARE_URL) ?? []));
    } else {
      for (const c of node.children ?? []) walk(c, inert);
    }
  };
  walk(tree, false);
  return out;
}

/** Tags the product's own Markdown makes; anything else in a rendering came from user text. */
const OURS = new Set(
  'h2 h3 p table thead tbody tr th td details summary strong em code pre a ul li br'.split(' '),
);

/**
 * What inert user text leaves behind in a whole surface: only the product's own tags, links
 * only under `allowed`, every row of a table as wide as its header, and nothing GitHub would
 * turn into a mention, an issue reference or a link.
 */
export function inertnessProblems(markdown: string, allowed: string): string[] {
  const r = render(markdown);
  const problems: string[] = [];
  const tags = [...r.skeleton.matchAll(/<([a-z0-9]+)>/g)].map((m) => m[1]!);
  for (const tag of new Set(tags)) if (!OURS.has(tag)) problems.push(`<${tag}> element`);
  for (const t of r.targets) if (!t.startsWith(allowed)) problems.push(`link to ${t}`);
  const links = tags.filter((t) => t === 'a').length;
  if (links !== r.targets.length) problems.push(`${links} links for ${r.targets.length} targets`);
  r.tables.forEach((rows, i) => {
    if (rows.some((n) => n !== rows[0])) problems.push(`table ${i + 1} rows: ${rows.join(',')}`);
  });
  for (const m of r.mentions) problems.push(`mention ${m}`);
  for (const m of r.references) problems.push(`reference ${m}`);
  for (const m of r.bareUrls) problems.push(`bare URL ${m}`);
  return problems;
}
