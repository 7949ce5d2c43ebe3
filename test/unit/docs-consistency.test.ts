/**
 * action.yml, the README and the command table (src/operations/table.ts) name the same
 * commands, inputs and outputs. The hosts refuse, at run time, to read an input or set an
 * output the table does not declare, so the table is what the code does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ACTION_HOST_INPUTS,
  OPERATIONS,
  operationsFor,
  optionsFor,
} from '../../src/operations/table.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const action = parse(read('action.yml')) as {
  inputs: Record<string, { description: string }>;
  outputs: Record<string, unknown>;
};
const readme = read('README.md');
const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe('interface documentation', () => {
  it("action.yml declares exactly the inputs the Action's commands and host take", () => {
    const declared = [
      ...ACTION_HOST_INPUTS,
      ...operationsFor('action').flatMap((op) => optionsFor(op, 'action')),
    ].map((o) => o.name);
    expect(sorted(declared)).toEqual(sorted(Object.keys(action.inputs)));
  });

  it("action.yml declares exactly the outputs the Action's commands set", () => {
    const declared = operationsFor('action').flatMap((op) => op.outputs ?? []);
    expect(sorted(declared)).toEqual(sorted(Object.keys(action.outputs)));
  });

  it('the command input names every Action command, in action.yml and the README', () => {
    for (const op of operationsFor('action')) {
      expect(action.inputs.command!.description, op.name).toContain(`\`${op.name}\``);
    }
  });

  it('the README documents every input and output', () => {
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` +\\|`));
    }
  });

  it("the README's command-line table lists every CLI command with its summary", () => {
    const section = readme.slice(readme.indexOf('## Command line'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` +\| (.+?) +\|$/gm)].map((m) => [m[1], m[2]]);
    const cli = operationsFor('cli').map((op) => [op.name, op.summary]);
    expect(rows.filter(([name]) => OPERATIONS.some((op) => op.name === name))).toEqual(cli);
  });

  it('every command and option has a one-line description for the help text', () => {
    for (const op of OPERATIONS) {
      expect(op.summary, op.name).toMatch(/^[a-z].{5,100}$/);
      for (const o of op.options) expect(o.doc, `${op.name} --${o.name}`).not.toBe('');
    }
  });
});
