// The Node binaries the runner would use for `runs.using: node20` and `node24`.
// node20 is the Node running the tests (the developer's node); node24 is the binary that
// `scripts/node24.mjs` installs into tools/node24 (a package of its own, so that Node 24 runs the
// action in the end-to-end tests and nothing else).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type NodeRuntime = 'node20' | 'node24';

const cache = new Map<NodeRuntime, string>();

function versionOf(bin: string): string | undefined {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 120_000 }).trim();
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findNode20(): string {
  if (process.version.startsWith('v20.')) return process.execPath;
  // Tests may themselves run on another Node; then look for a v20 on PATH.
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(dir, 'node');
    if (dir && isExecutable(bin) && versionOf(bin)?.startsWith('v20.')) return bin;
  }
  throw new Error(
    `node20 runtime not found: tests run on ${process.version} and PATH has no Node 20`,
  );
}

function findNode24(): string {
  const bin = fileURLToPath(
    new URL('../../tools/node24/node_modules/node/bin/node', import.meta.url),
  );
  const version = isExecutable(bin) ? versionOf(bin) : undefined;
  if (!version?.startsWith('v24.')) {
    throw new Error(
      `node24 runtime not usable at ${bin} (version: ${version ?? 'none'}); ` +
        'run `node scripts/node24.mjs` (npm test does) to install it',
    );
  }
  return bin;
}

/** Absolute path of the Node binary for a runtime; throws a clear message when missing. */
export function nodeBinary(runtime: NodeRuntime): string {
  let bin = cache.get(runtime);
  if (!bin) {
    bin = runtime === 'node20' ? findNode20() : findNode24();
    cache.set(runtime, bin);
  }
  return bin;
}
