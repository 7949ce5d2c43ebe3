// Makes sure the Node 24 runtime for the end-to-end tests is installed in tools/node24 (a small
// package of its own, so that it never lands on the PATH of npm scripts: everything else runs on
// the developer's Node). Prints the binary's path. Installs only when missing or not v24.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../tools/node24/', import.meta.url));
const bin = `${dir}node_modules/node/bin/node`;

function version() {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

if (!existsSync(bin) || !version()?.startsWith('v24.')) {
  console.error('Installing the Node 24 runtime for the end-to-end tests into tools/node24 …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const v = version();
  if (!v?.startsWith('v24.')) {
    console.error(`tools/node24: expected a Node 24 binary at ${bin}, found ${v ?? 'none'}`);
    process.exit(1);
  }
}
console.log(bin);
