import { describe, expect, it } from 'vitest';
import { chooseLabel } from '../../src/core/label.js';

const sha = '0123456789abcdef0123456789abcdef01234567';

describe('chooseLabel', () => {
  it('prefers VERSION, then package.json, then the highest semver tag, else dev-<sha>', () => {
    expect(
      chooseLabel({
        versionFile: 'v1.4.0\n',
        packageJson: '{"version":"2.0.0"}',
        sourceCommit: sha,
      }),
    ).toEqual({ label: '1.4.0', from: 'VERSION' });
    expect(
      chooseLabel({
        versionFile: 'not semver',
        packageJson: '{"version":"2.0.0"}',
        sourceCommit: sha,
      }),
    ).toEqual({ label: '2.0.0', from: 'package.json' });
    expect(
      chooseLabel({
        packageJson: '{broken',
        tags: ['v1.2.0', 'v1.10.0', 'nightly'],
        sourceCommit: sha,
      }),
    ).toEqual({ label: '1.10.0', from: 'tag' });
    expect(chooseLabel({ tags: ['nightly'], sourceCommit: sha })).toEqual({
      label: 'dev-0123456',
      from: 'commit',
    });
  });
});
