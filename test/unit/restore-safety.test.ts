import { describe, expect, it } from 'vitest';
import { checkRestore, checkSymlinkTarget } from '../../src/core/restore-safety.js';
import type { TreeEntry } from '../../src/git/git.js';

const f = (path: string, mode = '100644'): TreeEntry => ({
  mode,
  type: mode === '160000' ? 'commit' : 'blob',
  oid: 'a'.repeat(40),
  path,
});
const inTrack = (p: string) => p.startsWith('conf/') || p.startsWith('.github/');

describe('checkRestore', () => {
  it('accepts ordinary files, executables and links of the track', () => {
    expect(
      checkRestore([f('conf/a.json'), f('conf/run.sh', '100755'), f('conf/l', '120000')], {
        inTrack,
      }),
    ).toEqual([]);
  });

  it.each([
    ['/etc/passwd', 'absolute'],
    ['C:/x', 'absolute'],
    ['conf\\..\\x', 'backslash'],
    ['conf/../x', '`..`'],
    ['conf//x', '`..` or empty'],
    ['conf/.git/x', '`.git`'],
    ['conf/.Git./x', '`.git`'],
    ['conf/GIT~1/x', '`.git`'],
    ['conf/a\nb', 'control characters'],
    ['src/x.py', 'not part of the track'],
    ['.github/workflows/ci.yml', '.github/workflows/'],
  ])('refuses %j (%s)', (path, why) => {
    const [refusal] = checkRestore([f(path)], { inTrack });
    expect(refusal?.path).toBe(path);
    expect(refusal?.why).toContain(why);
  });

  it('restores workflow files only for a track that opted in', () => {
    const ci = f('.github/workflows/ci.yml');
    expect(checkRestore([ci], { inTrack, workflows: true })).toEqual([]);
    expect(checkRestore([ci], { inTrack, workflows: false })[0]?.why).toContain(
      'include-workflows',
    );
  });

  it('refuses gitlinks, odd modes and paths through links, including links kept from the base', () => {
    const r = checkRestore(
      [
        f('conf/sub', '160000'),
        f('conf/x', '100664'),
        f('conf/l', '120000'),
        f('conf/l/y'),
        f('conf/k/z'),
      ],
      {
        inTrack,
        otherSymlinks: new Set(['conf/k']),
      },
    );
    expect(r.map((x) => x.path)).toEqual(['conf/sub', 'conf/x', 'conf/l/y', 'conf/k/z']);
  });
});

describe('checkSymlinkTarget', () => {
  it('allows links that stay inside the repository and outside .git', () => {
    expect(checkSymlinkTarget('conf/a/link', '../b.json')).toBeUndefined();
    expect(checkSymlinkTarget('conf/link', '../src/x')).toBeUndefined();
  });
  it.each([
    ['conf/link', '../../x'],
    ['conf/link', '/etc/passwd'],
    ['conf/link', '..\\..\\x'],
    ['conf/link', '../.git/config'],
  ])('refuses %s → %s', (path, target) => {
    expect(checkSymlinkTarget(path, target)).toBeDefined();
  });
});
