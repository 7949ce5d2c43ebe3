// The command line as a user runs it: dist/cli.js in a fresh Node process, with the harness's
// clean git environment; the exit code and both streams come back, whatever the exit.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gitEnv } from './git.js';

export const CLI_ENTRY = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  cwd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [CLI_ENTRY, ...args], { cwd, env: gitEnv(env) });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
