import { describe, expect, it } from 'vitest';
import { receivePackProgram } from '../../src/git/stdio-push.js';

const env = {
  PATH: '/usr/bin',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'core.hooksPath',
  GIT_CONFIG_VALUE_0: '/dev/null',
  GIT_DIR: '/x/.git',
  HOME: '/home/u',
};

describe('how receive-pack is reached for a remote', () => {
  it('starts git receive-pack for a folder, a relative folder and a file:// URL, without our config', () => {
    for (const [url, path] of [
      ['/srv/repo.git', '/srv/repo.git'],
      ['../repo.git', '/work/repo.git'],
      ['file:///srv/my%20repo.git', '/srv/my repo.git'],
    ] as const) {
      const p = receivePackProgram(url, '/work/clone', env, undefined);
      expect(p, url).toMatchObject({ file: 'git', args: ['receive-pack', path] });
      // The folder's own hooks and config apply there, as with git push.
      expect(Object.keys(p!.env).filter((k) => k.startsWith('GIT_'))).toEqual([]);
      expect(p!.env.HOME).toBe('/home/u');
    }
  });

  it('starts ssh with the port, the host and a quoted git-receive-pack command', () => {
    expect(
      receivePackProgram("ssh://git@example.com:2222/srv/it's.git", '/w', env, undefined),
    ).toMatchObject({
      file: 'ssh',
      args: ['-p', '2222', 'git@example.com', "git-receive-pack '/srv/it'\\''s.git'"],
    });
    expect(receivePackProgram('git@example.com:team/repo.git', '/w', env, undefined)).toMatchObject(
      {
        file: 'ssh',
        args: ['git@example.com', "git-receive-pack 'team/repo.git'"],
      },
    );
    expect(receivePackProgram('ssh://example.com/~/repo.git', '/w', env, undefined)?.args).toEqual([
      'example.com',
      "git-receive-pack '~/repo.git'",
    ]);
  });

  it('honours GIT_SSH_COMMAND, then core.sshCommand, then GIT_SSH, as git does', () => {
    const viaEnv = receivePackProgram(
      'h:r.git',
      '/w',
      { ...env, GIT_SSH_COMMAND: 'ssh -i key' },
      'ssh -v',
    );
    expect(viaEnv).toMatchObject({
      file: "ssh -i key 'h' 'git-receive-pack '\\''r.git'\\'''",
      shell: true,
    });
    expect(receivePackProgram('h:r.git', '/w', env, 'ssh -v')).toMatchObject({
      file: "ssh -v 'h' 'git-receive-pack '\\''r.git'\\'''",
      shell: true,
    });
    expect(
      receivePackProgram('h:r.git', '/w', { ...env, GIT_SSH: '/opt/bin/ssh' }, undefined),
    ).toMatchObject({ file: '/opt/bin/ssh', args: ['h', "git-receive-pack 'r.git'"] });
  });

  it('leaves to git push what only git knows how to reach', () => {
    for (const url of ['https://example.com/r.git', 'git://example.com/r.git', 'foo::bar']) {
      expect(receivePackProgram(url, '/w', env, undefined), url).toBeUndefined();
    }
    // plink-style programs take their options differently.
    expect(
      receivePackProgram('h:r.git', '/w', { ...env, GIT_SSH: 'plink.exe' }, undefined),
    ).toBeUndefined();
    expect(
      receivePackProgram('h:r.git', '/w', { ...env, GIT_SSH_COMMAND: 'plink -batch' }, undefined),
    ).toBeUndefined();
  });
});
