// The Node binaries the runner would use for `runs.using: node20` and `node24`.
// node20 is the Node running the tests (the system node here); node24 comes from the `node`
// devDependency, whose package ships a real Node 24 binary.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export type NodeRuntime = 'node20' | 'node24';

const cache = new Map<NodeRuntime, string>();

function versionOf(bin: string): string | undefined {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
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
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve('node/package.json');
  } catch {
    throw new Error('node24 runtime not found: the `node` devDependency is not installed (npm ci)');
  }
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.node;
  const bin = rel ? join(dirname(pkgJson), rel) : undefined;
  const version = bin && isExecutable(bin) ? versionOf(bin) : undefined;
  if (!bin || !version?.startsWith('v24.')) {
    throw new Error(
      `node24 runtime not usable at ${bin ?? dirname(pkgJson)} (version: ${version ?? 'none'}); ` +
        'reinstall the `node` devDependency (its install script downloads the binary)',
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
