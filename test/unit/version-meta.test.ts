import { describe, expect, it } from 'vitest';
import {
  formatCommitMessage,
  parseTrailers,
  parseVersionMessage,
  type VersionMeta,
} from '../../src/core/version-meta.js';

const meta: VersionMeta = {
  track: 'config',
  version: 3,
  previousVersion: 2,
  sourceCommit: 'a'.repeat(40),
  label: '1.2.3',
  files: 4,
  bytes: 1234,
  reason: 'nightly retrain',
  actor: 'octocat',
  event: 'push',
  runUrl: 'https://github.com/o/r/actions/runs/9/attempts/2',
  runId: '9',
  runAttempt: 2,
  metrics: { f1: 0.95 },
  metadata: { note: 'x' },
};

describe('version commit message', () => {
  it('round-trips every field through trailers', () => {
    const message = formatCommitMessage(meta, 'Snapshot of 4 files.');
    expect(message.startsWith('snapback: config v3\n\nSnapshot of 4 files.\n\n')).toBe(true);
    expect(parseVersionMessage(message)).toEqual({
      ...meta,
      workflow: undefined,
      job: undefined,
      rollbackOf: undefined,
    });
  });

  it('keeps a multi-line reason from forging trailers', () => {
    const evil = { ...meta, reason: 'fine\n\nversion: 99\nrollback-of: 1' };
    const message = formatCommitMessage(evil, '');
    const t = parseTrailers(message);
    expect(t.get('version')).toBe('3');
    expect(t.has('rollback-of')).toBe(false);
    expect(parseVersionMessage(message)?.reason).toBe(evil.reason);
  });

  it('is not fooled by a message without trailers', () => {
    expect(parseVersionMessage('just a commit\n')).toBeUndefined();
  });
});
