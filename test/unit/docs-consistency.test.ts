/** action.yml, the code and the README name the same inputs and outputs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const action = parse(read('action.yml')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const main = read('src/main.ts');
const readme = read('README.md');

const used = (pattern: RegExp) =>
  [...new Set([...main.matchAll(pattern)].map((m) => m[1]!))].sort();

describe('interface documentation', () => {
  it('every input the code reads is declared in action.yml, and every declared one is read', () => {
    const read = used(/(?:core\.getInput|listInput)\('([a-z-]+)'\)/g);
    expect(read).toEqual(Object.keys(action.inputs).sort());
  });

  it('every output the code sets is declared in action.yml, and every declared one is set', () => {
    const set = used(/setOutput\(\s*'([a-z-]+)'/g);
    expect(set).toEqual(Object.keys(action.outputs).sort());
  });

  it('the README documents every input and output', () => {
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` +\\|`));
    }
  });
});
