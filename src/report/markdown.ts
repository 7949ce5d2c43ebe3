/**
 * Escaping for anything user-controlled (file names, reasons, labels, metadata) that reaches
 * Markdown: no HTML, no formatting, no table breakage, no @-mentions, no line breaks.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      // Only what can start formatting mid-line; `[` and `]` escaped means no link can form.
      .replace(/([\\`*_{}[\]|~])/g, '\\$1')
      // A zero-width joiner after @ keeps GitHub from turning names into mentions.
      .replace(/@/g, '@\u200d')
      .replace(AUTOLINKED, breakLink)
  );
}

/**
 * What GitHub links by itself in plain text: bare URLs (GFM autolinks `https://…` and `www.…`)
 * and references to issues and pull requests (`#12`, `GH-12`, `owner/repo#12`; in a pull
 * request body, "fixes #12" would even close the issue on merge).
 */
const AUTOLINKED = /:\/\/|www\.|#(?=\d)|GH-(?=\d)/gi;

/** A zero-width joiner inside each: it reads the same, and nothing links. */
function breakLink(m: string): string {
  if (m === '://') return ':\u200d//';
  if (m.endsWith('.')) return `${m.slice(0, -1)}\u200d.`;
  return `${m}\u200d`; // between `#` or `GH-` and the number
}

/** A table cell: escaped, and shortened so one long name cannot blow up the table. */
export function cell(text: string, max = 200): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return escapeMarkdown(short);
}

export function link(text: string, url: string): string {
  // Only http(s) links are rendered as links; anything else is shown as text.
  if (!/^https?:\/\/[^\s()<>]+$/.test(url)) return escapeMarkdown(text);
  return `[${escapeMarkdown(text)}](${url})`;
}

/**
 * Text inside an HTML block, such as a `<summary>`: GitHub does not read Markdown there, so
 * Markdown escapes would show as typed. Only HTML's own characters are escaped; @-mentions and
 * bare URLs may still be linked in HTML, so a zero-width joiner breaks them as in Markdown.
 */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/@/g, '@\u200d')
    .replace(AUTOLINKED, breakLink);
}
