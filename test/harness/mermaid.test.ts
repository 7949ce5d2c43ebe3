import { describe, expect, it } from 'vitest';
import { mermaidBlocks, mermaidErrors } from './mermaid.js';

const fence = (body: string): string => ['```mermaid', body, '```'].join('\n');

/** A chart in the product's shape, with the given lines in place of the defaults. */
function chart(
  parts: { title?: string; xAxis?: string; yAxis?: string; lines?: string[] } = {},
): string {
  return [
    'xychart-beta',
    `  title ${parts.title ?? '"snapback: coverage"'}`,
    `  x-axis ${parts.xAxis ?? '[v1, v2, v3]'}`,
    `  y-axis ${parts.yAxis ?? '"f1" 0 --> 1'}`,
    ...(parts.lines ?? ['line [0.1, 0.5, 0.9]', 'line [0.2, 0.4, 0.8]']).map((l) => `  ${l}`),
  ].join('\n');
}

describe('mermaidErrors', () => {
  it('accepts a valid xychart-beta with a title, axes and two line series', async () => {
    expect(await mermaidErrors(`# Status\n\n${fence(chart())}\n\nDone.\n`)).toEqual([]);
  });

  it('returns [] for Markdown without mermaid blocks', async () => {
    expect(await mermaidErrors('# Title\n\n```ts\nconst x = [;\n```\n')).toEqual([]);
  });

  it('checks mermaid fences only', async () => {
    const markdown = `\`\`\`ts\nconst x = [;\n\`\`\`\n\n${fence('flowchart TD\n  A -->')}\n`;
    expect(await mermaidErrors(markdown)).toEqual([
      expect.stringMatching(/^mermaid block 1 \(line 5\): Parse error/),
    ]);
  });

  it.each([
    ['a word among the numbers', { lines: ['line [0.1, oops]'] }],
    ['a missing closing bracket', { lines: ['line [0.1, 0.2'] }],
    ['a missing closing bracket on the x-axis', { xAxis: '[v1, v2' }],
    ['an empty series', { lines: ['line []'] }],
    ['a trailing comma', { lines: ['line [0.1, 0.2,]'] }],
    ['a number with an exponent', { lines: ['line [0.1, 1e-5]'] }],
    ['an exponent in the y-axis range', { yAxis: '"f1" 0 --> 1e-5' }],
    ['a label with an unquoted colon', { xAxis: '[10:00, 11:00]' }],
    ['a label with unquoted parentheses', { xAxis: '[v1 (rc), v2]' }],
    ['a label with an unquoted slash', { xAxis: '[main/v1, v2]' }],
    ['a label with an unquoted semicolon', { xAxis: '[a;b, c]' }],
    ['a label with a quote inside', { xAxis: '[a "b", c]' }],
    ['a label with a non-ASCII letter', { xAxis: '[café, v2]' }],
    ['a label with %% (a comment)', { xAxis: '[a%%b, v2]' }],
    ['a keyword as an unquoted label', { xAxis: '[line, v2, v3]' }],
    ['an empty quoted label', { xAxis: '["", v2]' }],
    ['a backslash-escaped quote in the title', { title: '"say \\"hi\\""' }],
    ['an empty title', { title: '""' }],
    ['an unquoted title with a colon', { title: 'snapback: coverage' }],
  ])('reports an xychart-beta with %s', async (_name, parts) => {
    const errors = await mermaidErrors(fence(chart(parts)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mermaid block 1 \(line 1\): (Parse|Lexical) error/);
  });

  it('reports an unknown keyword line inside xychart-beta', async () => {
    const errors = await mermaidErrors(fence(`${chart()}\n  legend on`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Parse error on line 7/);
  });

  it.each([
    [
      'unquoted labels made of letters, digits and & + = * . # - _',
      { xAxis: '[v1.2.3-rc.1, 1.0.0+build_5, C#, a&b=c*d]' },
    ],
    [
      'quoted labels with spaces, commas, colons, brackets and non-ASCII',
      { xAxis: '["a, b", "10:00; x", "[v1] (rc)", "café 中 %% \'q\'"]' },
    ],
    ['keywords as quoted labels', { xAxis: '["line", "title", "x-axis", "vertical"]' }],
    ['the #quot; entity for a quote', { title: '"say #quot;hi#quot;"' }],
    [
      'negative, signed and fractional numbers',
      { yAxis: '"f1" -1.5 --> +2', lines: ['line [-0.5, .25, +1]'] },
    ],
    ['a single point', { xAxis: '[v1]', lines: ['line [0.5]'] }],
    ['a named series', { lines: ['line "main" [0.1, 0.2, 0.3]'] }],
  ])('accepts an xychart-beta with %s', async (_name, parts) => {
    expect(await mermaidErrors(fence(chart(parts)))).toEqual([]);
  });

  it('reports a flowchart with a syntax error and accepts a valid one', async () => {
    const errors = await mermaidErrors(fence('flowchart TD\n  A[Start] --> B{Ok?\n  B --> C'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mermaid block 1 \(line 1\): (Parse|Lexical) error/);
    expect(await mermaidErrors(fence('flowchart TD\n  A[Start] --> B{Ok?}\n  B --> C'))).toEqual(
      [],
    );
  });

  it('reports only the bad block of two, naming it', async () => {
    const markdown = [
      '## One',
      fence(chart()),
      '',
      '## Two',
      fence(chart({ lines: ['line [0.1, oops, 0.3]'] })),
      '',
    ].join('\n');
    const errors = await mermaidErrors(markdown);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mermaid block 2 \(line 12\): Parse error/);
  });

  it('reports a block whose diagram type is not detected', async () => {
    const errors = await mermaidErrors(fence('linechart\n  line [1, 2]'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/No diagram type detected/);
    expect(await mermaidErrors(fence(''))).toHaveLength(1);
  });

  it('reports a mermaid fence that is never closed', async () => {
    const errors = await mermaidErrors(`Intro\n\n\`\`\`mermaid\n${chart()}\n`);
    expect(errors).toEqual(['mermaid block 1 (line 3): the fence is never closed']);
  });

  it('leaves no window or document global behind', async () => {
    expect(await mermaidErrors(fence(chart()))).toEqual([]);
    expect(await mermaidErrors(fence(chart({ lines: ['line [oops]'] })))).toHaveLength(1);
    expect('window' in globalThis).toBe(false);
    expect('document' in globalThis).toBe(false);
  });
});

describe('mermaidBlocks', () => {
  it('returns the mermaid fences only, in order, following CommonMark fence rules', () => {
    const markdown = [
      '```mermaid',
      'flowchart LR',
      '  A --> B',
      '```',
      '```ts',
      'const a = 1;',
      '```',
      '  ~~~~ mermaid {title: x}',
      '  pie',
      '     "a" : 1',
      '  ```',
      '  ~~~~~',
      '````mermaid',
      '```',
      '````',
      'Text with ```mermaid inline``` code.',
    ].join('\r\n');
    expect(mermaidBlocks(markdown)).toEqual([
      'flowchart LR\n  A --> B',
      'pie\n   "a" : 1\n```',
      '```',
    ]);
  });

  it('returns [] when there is no mermaid fence', () => {
    expect(mermaidBlocks('# Title\n\n    ```mermaid (indented code)\n')).toEqual([]);
  });
});
