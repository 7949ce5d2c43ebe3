/** The command table's own rules: what each host needs of an operation is there. */
import { describe, expect, it } from 'vitest';
import { CLI_HOST_OPTIONS, OPERATIONS, optionsFor } from '../../src/operations/table.js';

describe('command table', () => {
  it('names each command once, and each option once per command', () => {
    const names = OPERATIONS.map((op) => op.name);
    expect(new Set(names).size).toBe(names.length);
    for (const op of OPERATIONS) {
      const options = op.options.map((o) => o.name);
      expect(new Set(options).size, op.name).toBe(options.length);
    }
  });

  it('gives each host what it needs: a report for the Action, text for the CLI', () => {
    for (const op of OPERATIONS) {
      if (op.hosts.includes('action')) expect(op.action, op.name).toBeTypeOf('function');
      if (op.hosts.includes('cli')) expect(op.text, op.name).toBeTypeOf('function');
    }
  });

  it("keeps CLI-wide options and a command's own options apart", () => {
    const global = new Set([...CLI_HOST_OPTIONS.map((o) => o.name), 'json', 'color', 'help']);
    for (const op of OPERATIONS.filter((o) => o.hosts.includes('cli'))) {
      for (const o of optionsFor(op, 'cli'))
        expect(global.has(o.name), `${op.name} --${o.name}`).toBe(false);
    }
  });
});
