/** Every bad input: non-zero exit, a message naming the input, and nothing pushed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startGitServer,
  writeTree,
  type GitServer,
} from '../harness/index.js';

const TOKEN = 'bad-input-token';
const REPO = 'acme/bad-input';
let server: GitServer;
let ws: string;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await createRemoteRepo(server, REPO, {
    'config/a.json': '{"a":1}',
    'big/blob.bin': Buffer.alloc(4096, 1),
  });
  ws = await checkout(server, REPO, { token: TOKEN });
  // A first version, so "no ref changed" is checked against a store that has content.
  const r = await runAction({
    workspace: ws,
    server,
    repo: REPO,
    token: TOKEN,
    inputs: { track: 'config', paths: 'config/**' },
  });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const cases: {
  name: string;
  inputs: Record<string, string>;
  input: string;
  message: RegExp;
  setup?: () => Promise<void>;
}[] = [
  {
    name: 'bad track name',
    inputs: { track: 'Config/Prod', paths: 'config/**' },
    input: 'track',
    message: /not a valid track name/,
  },
  {
    name: 'empty file set',
    inputs: { track: 'config', paths: 'nothing-here/**' },
    input: 'paths',
    message: /no file matches/,
  },
  {
    name: 'malformed glob',
    inputs: { track: 'config', paths: 'config/[ab.json' },
    input: 'paths',
    message: /unclosed '\['/,
  },
  {
    name: 'glob leaving the workspace',
    inputs: { track: 'config', paths: '../**' },
    input: 'paths',
    message: /contains '\.\.'/,
  },
  {
    name: 'metadata not an object',
    inputs: { track: 'config', paths: 'config/**', metadata: '[1,2]' },
    input: 'metadata',
    message: /must be a JSON object/,
  },
  {
    name: 'metadata not JSON',
    inputs: { track: 'config', paths: 'config/**', metadata: '{oops' },
    input: 'metadata',
    message: /not valid JSON/,
  },
  {
    name: 'unreadable metrics file',
    inputs: { track: 'config', paths: 'config/**', metrics: 'reports/missing.json' },
    input: 'metrics',
    message: /cannot read the metrics file 'reports\/missing\.json'/,
  },
  {
    name: 'oversize file',
    inputs: { track: 'big', paths: 'big/**', 'max-file-size': '1 KB' },
    input: 'max-file-size',
    message: /big\/blob\.bin \(4\.0 KiB\)/,
  },
  {
    name: 'bad max-file-size',
    inputs: { track: 'config', paths: 'config/**', 'max-file-size': 'huge' },
    input: 'max-file-size',
    message: /not a size/,
  },
  {
    name: 'bad expected-version',
    inputs: { track: 'config', paths: 'config/**', 'expected-version': 'v1' },
    input: 'expected-version',
    message: /not a version number/,
  },
  {
    name: 'bad dry-run',
    inputs: { track: 'config', paths: 'config/**', 'dry-run': 'perhaps' },
    input: 'dry-run',
    message: /not a boolean/,
  },
  {
    name: 'bad push-mode',
    inputs: { track: 'config', paths: 'config/**', 'push-mode': 'ssh' },
    input: 'push-mode',
    message: /'ssh' is not one of the accepted values.*\nHint: Valid values: auto, git/s,
  },
  {
    name: 'bad network-timeout',
    inputs: { track: 'config', paths: 'config/**', 'network-timeout': '0' },
    input: 'network-timeout',
    message: /not a number of seconds from 1 to 3600/,
  },
  {
    name: 'huge network-timeout',
    inputs: { track: 'config', paths: 'config/**', 'network-timeout': '9'.repeat(10_000) },
    input: 'network-timeout',
    message: /not a number of seconds from 1 to 3600/,
  },
  {
    name: 'unknown command',
    inputs: { command: 'recrod', paths: 'config/**' },
    input: 'command',
    message: /Valid commands: record/,
  },
  {
    name: 'broken config file',
    inputs: {},
    input: 'config',
    message: /snapback\.yml:3: unknown key 'pathz'/,
    setup: () =>
      writeTree(ws, { '.github/snapback.yml': 'tracks:\n  config:\n    pathz: config/**\n' }),
  },
  ...(
    [
      ['keep-days', /must be at most 36500|not a number/],
      ['keep-last', /not a whole number/],
      ['expected-version', /not a version number/],
      ['max-file-size', /not a size/],
      ['drift-warn-age', /not a duration/],
      ['drift-warn-versions', /not a whole number/],
    ] as const
  ).map(([input, message]) => ({
    name: `a 10,000-digit ${input}`,
    inputs: { track: 'config', paths: 'config/**', [input]: '9'.repeat(10_000) },
    input,
    message,
  })),
  {
    name: 'a 10,000-digit promote-high',
    inputs: {
      track: 'config',
      paths: 'config/**',
      'promote-metric': 'f1',
      'promote-high': '9'.repeat(10_000),
    },
    input: 'promote-high',
    message: /not a number/,
  },
  {
    name: 'a 10,000-digit promote-min-improvement',
    inputs: {
      track: 'config',
      paths: 'config/**',
      'promote-metric': 'f1',
      'promote-min-improvement': '9'.repeat(10_000),
    },
    input: 'promote-min-improvement',
    message: /not a number/,
  },
  {
    name: 'keep-days beyond a century',
    inputs: { track: 'config', paths: 'config/**', 'keep-days': '100000' },
    input: 'keep-days',
    message: /must be at most 36500/,
  },
  {
    name: 'max-file-size beyond 1 TB',
    inputs: { track: 'config', paths: 'config/**', 'max-file-size': '5000 GB' },
    input: 'max-file-size',
    message: /at most 1 TB/,
  },
  {
    name: 'metadata nested 30,000 levels deep',
    inputs: {
      track: 'config',
      paths: 'config/**',
      metadata: `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`,
    },
    input: 'metadata',
    message: /more than 20 levels deep/,
  },
  {
    name: 'metadata nested 21 levels deep',
    inputs: {
      track: 'config',
      paths: 'config/**',
      metadata: `${'{"a":'.repeat(21)}1${'}'.repeat(21)}`,
    },
    input: 'metadata',
    message: /more than 20 levels deep/,
  },
  {
    name: 'metadata over 64 KiB',
    inputs: { track: 'config', paths: 'config/**', metadata: `{"a":"${'x'.repeat(70_000)}"}` },
    input: 'metadata',
    message: /at most 65536 are stored/,
  },
  {
    name: 'missing config file',
    inputs: { config: 'ci/none.yml' },
    input: 'config',
    message: /does not exist/,
  },
];

describe('record refuses bad input', () => {
  it.each(cases)('$name', async ({ inputs, input, message, setup }) => {
    await setup?.();
    const before = await server.refs(REPO);
    server.resetLog();
    const r = await runAction({ workspace: ws, server, repo: REPO, token: TOKEN, inputs });
    expect(r.code).not.toBe(0);
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Input '${input}'`);
    expect(errors[0]).toMatch(message);
    expect(errors[0]).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(await server.refs(REPO)).toEqual(before);
    expect(server.requests.filter((q) => q.service === 'receive-pack')).toHaveLength(0);
  });
});

describe('token inputs with a line break', () => {
  it.each([
    ['token', { command: 'record', track: 'config', paths: 'config/**' }],
    ['pr-token', { command: 'rollback', track: 'config', paths: 'config/**', version: '1' }],
  ])('%s: refused by name, the value never shown', async (input, inputs) => {
    const secret = 'ghp_NEVERSHOWN0123456789';
    const bad = `${secret}\r\nX-Injected: 1`;
    const before = await server.refs(REPO);
    server.resetLog();
    const r = await runAction({
      workspace: ws,
      server,
      repo: REPO,
      token: input === 'token' ? bad : TOKEN,
      inputs: input === 'pr-token' ? { ...inputs, 'pr-token': bad } : inputs,
    });
    expect(r.code).not.toBe(0);
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Input '${input}'`);
    expect(errors[0]).toContain('line break');
    expect(errors[0]).not.toMatch(/\n\s+at /);
    // The runner consumes ::add-mask:: itself; nothing else may carry the value.
    const shown = (r.stdout + r.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain('NEVERSHOWN');
    expect(await server.refs(REPO)).toEqual(before);
    expect(server.requests).toHaveLength(0);
  });
});
