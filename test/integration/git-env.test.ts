/**
 * Config that the user's environment passes to git (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_<n>,
 * GIT_CONFIG_VALUE_<n>) reaches every git we start, ahead of our own settings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runGit } from '../../src/git/run-git.js';
import { tempDir } from '../harness/index.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

async function config(args: string[]): Promise<string> {
  const r = await runGit(['config', ...args], { cwd: tempDir('git-env'), okCodes: [1] });
  return r.stdout.toString('utf8').trim();
}

describe("the user's environment config", () => {
  it('is kept, and ours wins where a key takes one value', async () => {
    Object.assign(process.env, {
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_0: 'snapback.test',
      GIT_CONFIG_VALUE_0: 'kept',
      GIT_CONFIG_KEY_1: 'http.extraHeader',
      GIT_CONFIG_VALUE_1: 'X-From-Env: 1',
      GIT_CONFIG_KEY_2: 'core.autocrlf',
      GIT_CONFIG_VALUE_2: 'true',
    });
    expect(await config(['--get', 'snapback.test'])).toBe('kept');
    expect(await config(['--get-all', 'http.extraHeader'])).toBe('X-From-Env: 1');
    // Ours come after: the last value of a single-valued key is the one git uses.
    expect(await config(['--get', 'core.autocrlf'])).toBe('false');
  });

  it('without any, only ours', async () => {
    delete process.env.GIT_CONFIG_COUNT;
    expect(await config(['--get', 'snapback.test'])).toBe('');
    expect(await config(['--get', 'core.autocrlf'])).toBe('false');
  });
});
