/**
 * Which of git's HTTP settings leave a push to `git push`: those our own request could not
 * honour for this remote. Read from a real clone's configuration.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, git, tempDir } from '../harness/index.js';
import { settingWeCannotHonour } from '../../src/git/http-access.js';

afterAll(cleanupTempDirs);

const HTTPS = 'https://git.example.com/acme/repo.git';
const HTTP = 'http://git.example.com/acme/repo.git';

async function clone(config: [string, string][] = []): Promise<string> {
  const dir = tempDir('http-access');
  await git(dir, ['init', '-q']);
  for (const [key, value] of config) await git(dir, ['config', '--add', key, value]);
  return dir;
}

describe('settingWeCannotHonour', () => {
  it('none on a clone without HTTP settings, whatever the scheme', async () => {
    const dir = await clone();
    expect(await settingWeCannotHonour(dir, HTTPS, {})).toBeUndefined();
    expect(await settingWeCannotHonour(dir, HTTP, {})).toBeUndefined();
  });

  it.each([
    ['http.extraHeader', 'X-Team registry'],
    ['http.cookieFile', '/tmp/cookies'],
    ['http.sslCAInfo', '/etc/corp-ca.pem'],
    ['http.sslVerify', 'false'],
    ['http.sslCert', '/home/me/client.pem'],
    ['http.proxy', 'http://corp-proxy:3128'],
    ['http.https://git.example.com.extraHeader', 'Content-Type: text/plain'],
  ])('names %s for an https remote', async (key, value) => {
    const dir = await clone([[key, value]]);
    const named = await settingWeCannotHonour(dir, HTTPS, {});
    expect(named).toBe(key.replace(/^http\..*\.(\w+)$/, 'http.$1').toLowerCase());
  });

  it('honours well-formed extra headers, for this remote or any', async () => {
    const dir = await clone([
      ['http.extraHeader', 'X-Team: registry'],
      ['http.https://git.example.com.extraHeader', 'AUTHORIZATION: basic eDp5eXl5eXl5'],
    ]);
    expect(await settingWeCannotHonour(dir, HTTPS, {})).toBeUndefined();
  });

  it('ignores settings for other hosts, harmless settings, and an empty extra header', async () => {
    const dir = await clone([
      ['http.https://other.example.org.extraHeader', 'X-Team: registry'],
      ['http.postBuffer', '524288000'],
      ['http.sslVerify', 'true'],
      ['http.extraHeader', ''],
    ]);
    expect(await settingWeCannotHonour(dir, HTTPS, {})).toBeUndefined();
  });

  it('TLS settings only matter for https remotes', async () => {
    const dir = await clone([['http.sslCAInfo', '/etc/corp-ca.pem']]);
    expect(await settingWeCannotHonour(dir, HTTP, {})).toBeUndefined();
    const env = { GIT_SSL_CAINFO: '/etc/ssl/certs/ca-certificates.crt' };
    expect(await settingWeCannotHonour(await clone(), HTTP, env)).toBeUndefined();
    expect(await settingWeCannotHonour(await clone(), HTTPS, env)).toBe('GIT_SSL_CAINFO');
  });

  it('an http.proxy that is the environment proxy is honoured; another one is not', async () => {
    const dir = await clone([['http.proxy', 'http://corp-proxy:3128']]);
    expect(
      await settingWeCannotHonour(dir, HTTPS, { HTTPS_PROXY: 'http://corp-proxy:3128' }),
    ).toBeUndefined();
    expect(await settingWeCannotHonour(dir, HTTPS, { HTTPS_PROXY: 'http://other:3128' })).toBe(
      'http.proxy',
    );
  });

  it('a proxy set for a remote by name', async () => {
    const dir = await clone([['remote.origin.proxy', 'http://corp-proxy:3128']]);
    expect(await settingWeCannotHonour(dir, HTTPS, {})).toBe('remote.origin.proxy');
  });
});
