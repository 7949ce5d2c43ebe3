/**
 * The Action host's wiring (src/main.ts) with the runner's toolkit and the command table
 * replaced: it reads only declared inputs, sets only declared outputs, writes each output,
 * annotation and summary once, and names the table's commands when given another.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnyOperation } from '../../src/operations/types.js';

const calls = vi.hoisted(() => ({
  inputs: {} as Record<string, string>,
  outputs: [] as [string, string][],
  failed: [] as string[],
  notices: [] as string[],
  summaries: [] as string[],
}));

vi.mock('@actions/core', () => ({
  getInput: (name: string) => calls.inputs[name] ?? '',
  setOutput: (name: string, value: string) => calls.outputs.push([name, value]),
  setFailed: (message: string) => calls.failed.push(message),
  setSecret: () => {},
  info: () => {},
  debug: () => {},
  notice: (text: string) => calls.notices.push(text),
  warning: () => {},
  group: (_title: string, work: () => Promise<unknown>) => work(),
  summary: {
    addRaw(text: string) {
      calls.summaries.push(text);
      return this;
    },
    write: async () => {},
  },
}));

function fakeOperation(name: string, overrides: Partial<AnyOperation>): AnyOperation {
  return {
    name,
    summary: 'a command for the test',
    hosts: ['action'],
    options: [{ name: 'track', doc: 'x' }],
    outputs: ['version'],
    parse: async (inputs) => ({ track: inputs.get('track') }),
    run: async (_env, options) => options,
    action: (result) => ({
      outputs: { version: String((result as { track: string }).track) },
      messages: [{ level: 'notice', text: 'done' }],
      summary: '## done',
    }),
    ...overrides,
  };
}

vi.mock('../../src/operations/table.js', () => {
  const ops = [
    fakeOperation('good', {}),
    fakeOperation('reads-undeclared', {
      parse: async (inputs) => ({ track: inputs.get('paths') }),
    }),
    fakeOperation('sets-undeclared', {
      action: () => ({ outputs: { label: 'x' }, messages: [], summary: '' }),
    }),
  ];
  return {
    OPERATIONS: ops,
    DEFAULT_ACTION_COMMAND: 'good',
    ACTION_HOST_INPUTS: [
      { name: 'command', doc: '' },
      { name: 'token', doc: '' },
      { name: 'push-mode', doc: '' },
      { name: 'committer', doc: '' },
      { name: 'network-timeout', doc: '' },
    ],
    operationsFor: () => ops,
    optionsFor: (op: AnyOperation) => op.options,
  };
});

const { run } = await import('../../src/main.js');

beforeEach(() => {
  calls.outputs = [];
  calls.failed = [];
  calls.notices = [];
  calls.summaries = [];
  vi.stubEnv('GITHUB_REPOSITORY', 'acme/widgets');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('Action host', () => {
  it('runs the default command: declared inputs in, outputs, annotations and summary out', async () => {
    calls.inputs = { track: 'conf' };
    await run();
    expect(calls.failed).toEqual([]);
    expect(calls.outputs).toEqual([['version', 'conf']]);
    expect(calls.notices).toEqual(['done']);
    expect(calls.summaries).toEqual(['## done']);
  });

  it('names the commands of the table when given another', async () => {
    calls.inputs = { command: 'recrod' };
    await run();
    expect(calls.failed).toEqual([
      "Input 'command': 'recrod' is not a command.\nHint: Valid commands: good, reads-undeclared, sets-undeclared.",
    ]);
  });

  it('refuses to read an input or set an output the table does not declare', async () => {
    calls.inputs = { command: 'reads-undeclared' };
    await run();
    expect(calls.failed[0]).toMatch(/reads-undeclared reads the undeclared input 'paths'/);
    calls.inputs = { command: 'sets-undeclared' };
    await run();
    expect(calls.failed[1]).toMatch(/sets-undeclared sets the undeclared output 'label'/);
    expect(calls.outputs).toEqual([]);
  });
});
