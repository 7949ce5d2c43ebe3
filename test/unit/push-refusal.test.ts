/** Race or refusal, from the evidence both push paths see: each ref's reason and the server's text. */
import { describe, expect, it } from 'vitest';
import { isRace, refLimit, refusal } from '../../src/git/push-refusal.js';

const V1 = 'refs/versions/app/1';
const NOTES = 'refs/notes/versions';

describe('isRace', () => {
  it.each([
    ['git push lease', [{ ref: V1, reason: 'stale info' }], ''],
    [
      'git push lease with an atomic sibling',
      [
        { ref: V1, reason: 'stale info' },
        { ref: NOTES, reason: 'atomic push failed' },
      ],
      '',
    ],
    [
      "receive-pack's atomic transaction, cause on the progress channel",
      [
        { ref: V1, reason: 'atomic transaction failed' },
        { ref: NOTES, reason: 'atomic transaction failed' },
      ],
      "error: cannot lock ref 'refs/versions/app/1': reference already exists",
    ],
    ['a moved ref', [{ ref: V1, reason: 'failed to update ref' }], ''],
    ['a moved branch', [{ ref: V1, reason: 'fetch first' }], ''],
  ])('%s is a race', (_name, rejections, progress) => {
    expect(isRace(rejections, progress)).toBe(true);
  });

  it.each([
    ['GH013 as GitHub reports it', 'push declined due to repository rule violations', ''],
    ['GH001', 'pre-receive hook declined', 'error: GH001: Large files detected.'],
    [
      'a workflow file',
      'refusing to allow a GitHub App to create or update workflow `.github/workflows/x.yml` without `workflows` permission',
      '',
    ],
    ['a hidden ref', 'deny updating a hidden ref', ''],
    ['an unknown reason', 'the moon is in the wrong phase', ''],
  ])('%s is a refusal', (_name, reason, progress) => {
    expect(isRace([{ ref: V1, reason }], progress)).toBe(false);
  });

  it('atomic siblings alone, with a refusal named on the progress channel, are a refusal', () => {
    const siblings = [{ ref: V1, reason: 'atomic transaction failed' }];
    expect(isRace(siblings, 'GH013: Repository rule violations found')).toBe(false);
  });

  it('a stale ref beside a refused one is a refusal: retrying would meet the refusal again', () => {
    const mixed = [
      { ref: V1, reason: 'stale info' },
      { ref: NOTES, reason: 'pre-receive hook declined' },
    ];
    expect(isRace(mixed, '')).toBe(false);
  });
});

describe('refusal', () => {
  it('names the refs and reason, keeps the server’s lines, and redacts credentials', () => {
    const e = refusal(
      [
        { ref: V1, reason: 'pre-receive hook declined' },
        { ref: NOTES, reason: 'pre-receive hook declined' },
      ],
      'remote: GH013: Repository rule violations found\nremote: see https://x-access-token:ghs_secret@github.com/rules\n',
    );
    expect(e.code).toBe('push-refused');
    expect(e.kind).toBe('rules');
    expect(e.message).toContain(
      `refused to update ${V1} and 1 other ref: pre-receive hook declined`,
    );
    expect(e.message).toContain('remote: GH013: Repository rule violations found');
    expect(e.message).not.toContain('ghs_secret');
  });

  it('reads the limit of a push policy', () => {
    const text = 'maximum ref updates exceeded: 1001 commands sent but max allowed is 500';
    expect(refLimit(text)).toBe(500);
    const e = refusal([], text);
    expect(e.kind).toBe('ref-limit');
    expect(e.limit).toBe(500);
  });
});
