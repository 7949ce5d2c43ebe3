// Mermaid validation for tests: find the ```mermaid fences in a Markdown text and run each one
// through Mermaid's real parser (the `mermaid` package, the library GitHub renders these fences
// with), so a test can assert that a job summary's charts would render instead of showing
// "Unable to render rich display".
//
// Only parsing is checked: what GitHub would show as a syntax error. Render-time failures (for
// example an `xychart-beta` with no `line`/`bar` at all: "No Plot to render") are not caught.
// GitHub pins its own Mermaid version, which may be older than the one installed here: newer
// syntax this parser accepts (for example `xychart` without `-beta`, or point labels such as
// `line [1 "a", 2 "b"]`) may still fail on GitHub, so the product sticks to the plain forms.
//
// ## xychart-beta syntax rules, found by running this parser (mermaid 11.17.2)
//
// Unquoted text (x-axis categories, titles) is a run of these tokens only: ASCII letters, digits,
// and `& + = * . # - _`. Whitespace between them is skipped, not kept: `[a b]` is the category
// "ab" and `title My chart` is "Mychart". Everything else needs double quotes: a space that
// should stay, `,` `;` `:` `/` `(` `)` `'` `!` `?` `@` `%` `\` `` ` `` `[` `]` `<` `>`, any
// non-ASCII letter (é, 中), `%%` (starts a comment that swallows the rest of the line), and
// `#word;` (taken as an entity). Keywords are also rejected unquoted, case-insensitively, even as
// a prefix for some: `line`, `bar`, `title`, `xychart`, `x-axis`, `y-axis`, `accTitle`,
// `accDescr`, and anything starting with `vertical` or `horizontal` (`verticality` fails).
// `v1.2.3-rc.1`, `1.0.0+build.5`, `2024-01-01` and `C#` are fine unquoted; `10:00` is not.
//
// Quoted text is `"` + anything but `"` (newlines included) + `"`. There is no escape: `\"` ends
// the string at the `"` and breaks the line, and a backslash is kept as a literal backslash.
// The only way to show a double quote is the entity `#quot;`. Mermaid turns every `#name;` and
// `#123;` into an HTML entity before parsing (`&quot;`, `&#123;`), so `#` followed by word
// characters and `;` is never literal (`"a #1; b"` shows a U+0001 control character); write a
// literal `#` as `#35;` when that could happen. An empty string `""` is a parse error (`" "` is
// accepted and becomes an empty label). A quoted string must be followed directly by `,`, `]`
// or the end of the statement: `["a"b]` and `[a "b"]` fail.
//
// The y-axis title should always be quoted: `y-axis f1 0 --> 1` fails because the `1` of `f1`
// is read as the range's first number.
//
// Numbers in `line [...]`, `bar [...]` and axis ranges (`y-axis "t" -1 --> 2.5`) match
// `[+-]?(\d+(\.\d+)?|\.\d+)`: `-0.5`, `+3`, `.5` and long digit strings are fine; exponents
// (`1e-5`, `1E5`, `1e+21`), `5.`, `NaN` and `Infinity` are parse errors, so numbers must be
// written out in plain decimal. A series needs at least one number (`line []` fails; `line [1]`
// is fine), commas only between numbers (no trailing comma) and its whole `[...]` on one line;
// the same for `x-axis [...]`, which also cannot be empty. Series of a different length than the
// x-axis parse fine (extra values are dropped, missing ones left empty).
import type { Mermaid } from 'mermaid';

/** One fenced block of a Markdown text whose info string starts with `mermaid`. */
interface FencedBlock {
  /** The text between the fences, with the fence's indentation removed as CommonMark does. */
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** False when the document ended before a closing fence (the block then runs to the end). */
  closed: boolean;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks at the top level of the document (indented at most 3 spaces, not inside
 * a block quote or a list item) whose info string's first word is `mermaid`, following
 * CommonMark's fence rules: the closing fence uses the same character, is at least as long as the
 * opening one and has nothing after it but spaces.
 */
function fencedMermaidBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r\n|\r|\n/);
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const fence = open[2]!;
    const info = open[3]!.trim();
    // A backtick fence's info string cannot contain a backtick (that line is inline code).
    if (fence[0] === '`' && info.includes('`')) continue;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) {
      body.push(lines[j]!.replace(new RegExp(`^ {0,${indent}}`), ''));
      j++;
    }
    if (info.split(/\s+/)[0] === 'mermaid') {
      blocks.push({ text: body.join('\n'), line: i + 1, closed: j < lines.length });
    }
    i = j;
  }
  return blocks;
}

/** The texts of the ```mermaid fenced blocks of a Markdown text, in document order. */
export function mermaidBlocks(markdown: string): string[] {
  return fencedMermaidBlocks(markdown).map((block) => block.text);
}

let loading: Promise<Mermaid> | undefined;

/**
 * Mermaid, imported once per process. Its sanitizer, DOMPurify, sets itself up when first
 * imported from `globalThis.window` and cannot work without a DOM (mermaid.parse then fails with
 * "DOMPurify.addHook is not a function"), so a happy-dom window is put on `globalThis.window` for
 * the import only and taken away again: DOMPurify keeps its own reference, and parsing needs no
 * other global. `document` is never set, so mermaid does not hook a page `load` event either.
 */
function loadMermaid(): Promise<Mermaid> {
  loading ??= (async () => {
    const global = globalThis as { window?: unknown };
    if (global.window !== undefined) return (await import('mermaid')).default;
    const { Window } = await import('happy-dom');
    global.window = new Window();
    try {
      return (await import('mermaid')).default;
    } finally {
      delete global.window;
    }
  })();
  return loading;
}

/**
 * One message per ```mermaid block of `markdown` that Mermaid's parser rejects, that is not a
 * diagram type Mermaid knows, or whose fence is never closed; `[]` when every block is valid
 * (or there are none). Messages name the block (1-based) and the Markdown line of its fence.
 */
export async function mermaidErrors(markdown: string): Promise<string[]> {
  const blocks = fencedMermaidBlocks(markdown);
  if (blocks.length === 0) return [];
  const mermaid = await loadMermaid();
  const errors: string[] = [];
  for (const [index, block] of blocks.entries()) {
    const where = `mermaid block ${index + 1} (line ${block.line})`;
    if (!block.closed) {
      errors.push(`${where}: the fence is never closed`);
      continue;
    }
    try {
      const result = await mermaid.parse(block.text, { suppressErrors: false });
      if (!result.diagramType) {
        errors.push(`${where}: no diagram type detected`);
      }
    } catch (error) {
      errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return errors;
}
