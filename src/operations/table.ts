/**
 * Every command, once. Both hosts, the CLI's help and the documentation check read this list:
 * adding a command is one entry here plus its file in this folder.
 */
import type { AnyOperation, OptionSpec } from './types.js';
import { recordOperation } from './record.js';
import { diffOperation } from './diff.js';
import { pruneOperation } from './prune.js';
import { demoteOperation, promoteOperation } from './alias.js';
import { statusOperation } from './status.js';
import { rollbackOperation } from './rollback.js';
import { listOperation, logOperation } from './list.js';
import { showOperation } from './show.js';
import { exportOperation } from './export.js';
import { verifyOperation } from './verify.js';
import { reindexOperation } from './reindex.js';
import { importOperation } from './import.js';
import { restoreOperation } from './restore.js';

export const OPERATIONS: readonly AnyOperation[] = [
  recordOperation,
  diffOperation,
  pruneOperation,
  promoteOperation,
  demoteOperation,
  statusOperation,
  rollbackOperation,
  listOperation,
  logOperation,
  showOperation,
  exportOperation,
  verifyOperation,
  reindexOperation,
  importOperation,
  restoreOperation,
] as readonly AnyOperation[];

/** The Action's command when its `command` input is empty. */
export const DEFAULT_ACTION_COMMAND = 'record';

/** Inputs the Action reads for every command (its runner and connection). */
export const ACTION_HOST_INPUTS: readonly OptionSpec[] = [
  { name: 'command', doc: 'what to do' },
  { name: 'token', doc: 'token for git and the GitHub API' },
  { name: 'push-mode', doc: 'auto or git' },
  { name: 'committer', doc: 'committer of the commits snapback writes' },
  { name: 'network-timeout', doc: 'seconds a request may go without progress' },
];

/** Options the CLI takes on every command. */
export const CLI_HOST_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'remote',
    doc: 'where the registry lives: a remote name or URL (default: origin)',
    placeholder: 'name|url',
  },
  {
    name: 'network-timeout',
    doc: 'seconds a request may go without progress (default: 60)',
    placeholder: 's',
  },
  {
    name: 'push-mode',
    doc: "auto: one receive-pack request; git: plain 'git push' (default: auto)",
    placeholder: 'auto|git',
  },
];

export function operationsFor(host: 'action' | 'cli'): AnyOperation[] {
  return OPERATIONS.filter((op) => op.hosts.includes(host));
}

export function optionsFor(op: AnyOperation, host: 'action' | 'cli'): OptionSpec[] {
  return op.options.filter((o) => !o.hosts || o.hosts.includes(host));
}
