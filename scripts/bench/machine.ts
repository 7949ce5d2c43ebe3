// What the numbers were measured on: they mean little without the machine and the versions.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { readActionMetadata } from '../../test/harness/action-metadata.js';
import { nodeBinary } from '../../test/harness/index.js';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  benchNode: string;
  actionNode: string;
  git: string;
  isomorphicGit: string;
  /** The commit of this project the action was built from, and whether src/ had edits. */
  code: string;
  date: string;
  /** 1-minute load average when the benchmark started; other work on the machine skews times. */
  loadAtStart: number;
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m?.[1]) return `${m[1]}, Linux ${release()}`;
  } catch {
    // Not Linux or no os-release: the kernel release still says something.
  }
  return `${process.platform} ${release()}`;
}

/** /proc/cpuinfo names the CPU more fully than os.cpus() on some virtual machines. */
function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) return m[1].trim();
  } catch {
    // Fall back to Node's view.
  }
  return cpus()[0]?.model ?? 'unknown';
}

function versionOf(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' }).trim();
}

function codeVersion(projectRoot: string): string {
  try {
    const head = versionOf('git', ['-C', projectRoot, 'rev-parse', '--short', 'HEAD']);
    const dirty = versionOf('git', ['-C', projectRoot, 'status', '--porcelain', '--', 'src']);
    return dirty ? `${head} with uncommitted changes in src/` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function describeMachine(projectRoot: string, actionYml: string): Machine {
  // The runner picks Node from runs.using; the harness does the same.
  const actionRuntime = readActionMetadata(actionYml)?.using ?? 'node24';
  const iso = JSON.parse(
    readFileSync(`${projectRoot}/node_modules/isomorphic-git/package.json`, 'utf8'),
  ) as { version: string };
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    ramGiB: totalmem() / 2 ** 30,
    os: osName(),
    benchNode: process.version,
    actionNode: `${versionOf(nodeBinary(actionRuntime), ['--version'])} (${actionRuntime}, as action.yml's runs.using)`,
    git: versionOf('git', ['--version']).replace(/^git version /, ''),
    isomorphicGit: iso.version,
    code: codeVersion(projectRoot),
    date: new Date().toISOString(),
    loadAtStart: loadavg()[0] ?? 0,
  };
}
