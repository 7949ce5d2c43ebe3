/** Which proxy a request takes: the variables git (curl) reads, in the same way. */
import { describe, expect, it } from 'vitest';
import { StallError, TransientError } from '../../src/errors.js';
import { throughProxy } from '../../src/net/http.js';
import { bypassesProxy, proxyFor } from '../../src/net/proxy.js';

const via = (url: string, env: NodeJS.ProcessEnv) => proxyFor(url, env)?.variable;

describe('proxyFor', () => {
  it('takes the variable of the URL scheme, lower case first, upper case too', () => {
    expect(via('https://github.com/o/r.git', { HTTPS_PROXY: 'http://p:1' })).toBe('HTTPS_PROXY');
    expect(via('https://github.com/o/r.git', { https_proxy: 'http://p:1' })).toBe('https_proxy');
    expect(
      via('https://github.com/o/r.git', { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:1' }),
    ).toBe('https_proxy');
    expect(via('http://ghes.local/o/r.git', { HTTP_PROXY: 'http://p:1' })).toBe('HTTP_PROXY');
    expect(via('http://ghes.local/o/r.git', { http_proxy: 'http://p:1' })).toBe('http_proxy');
  });

  it('does not use the http proxy for https servers or the other way round', () => {
    expect(via('https://github.com/o/r.git', { HTTP_PROXY: 'http://p:1' })).toBeUndefined();
    expect(via('http://ghes.local/', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(via('https://github.com/', {})).toBeUndefined();
  });

  it('shows the proxy without its credentials, and accepts one without a scheme', () => {
    const p = proxyFor('https://github.com/', { HTTPS_PROXY: 'http://me:s3cret@proxy.corp:3128' });
    expect(p?.shown).toBe('http://proxy.corp:3128');
    expect(p?.url).toContain('s3cret');
    expect(proxyFor('https://github.com/', { HTTPS_PROXY: 'proxy.corp:3128' })?.url).toBe(
      'http://proxy.corp:3128/',
    );
  });

  it('honours NO_PROXY and no_proxy', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'github.com' };
    expect(via('https://github.com/o/r', env)).toBeUndefined();
    expect(via('https://api.github.com/', env)).toBeUndefined();
    expect(via('https://notgithub.com/', env)).toBe('HTTPS_PROXY');
    expect(
      via('https://github.com/', { https_proxy: 'http://p:1', no_proxy: '*' }),
    ).toBeUndefined();
  });
});

describe('bypassesProxy', () => {
  it.each([
    ['ghes.corp', 443, 'ghes.corp', true],
    ['git.ghes.corp', 443, 'ghes.corp', true],
    ['git.ghes.corp', 443, '.ghes.corp', true],
    ['git.ghes.corp', 443, '*.ghes.corp', true],
    ['ghes.corp', 443, '.ghes.corp', true],
    ['xghes.corp', 443, 'ghes.corp', false],
    ['ghes.corp', 443, 'ghes.corp:443', true],
    ['ghes.corp', 8443, 'ghes.corp:443', false],
    ['ghes.corp', 443, 'other.corp, GHES.corp', true],
    ['ghes.corp', 443, 'other.corp ghes.corp', true],
    ['10.1.2.3', 443, '10.0.0.0/8', true],
    ['11.1.2.3', 443, '10.0.0.0/8', false],
    ['10.1.2.3', 443, '10.1.2.3', true],
    ['110.1.2.3', 443, '10.1.2.3', false],
    ['[::1]', 443, '::1', true],
    ['[::1]', 443, '[::1]:443', true],
    ['127.0.0.1', 80, '', false],
  ])('%s:%i with NO_PROXY=%s → %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });
});

describe('throughProxy', () => {
  const url = 'https://ghes.corp/o/r.git';
  const env = { HTTPS_PROXY: 'http://user:pw@proxy.corp:3128' };
  const refused = new TransientError(
    'git fetch failed: Failed to connect to proxy.corp port 3128 after 2 ms: Connection refused',
  );

  it('names the proxy when git could not connect through it, without its credentials', () => {
    const e = throughProxy(refused, url, env) as TransientError;
    expect(e.code).toBe('proxy-failed');
    expect(e.message).toContain('through the proxy http://proxy.corp:3128 from HTTPS_PROXY');
    expect(e.message).not.toContain('pw');
    expect(e.hint).toContain('NO_PROXY');
  });

  it('leaves other failures, and runs without a proxy, as they are', () => {
    expect(throughProxy(refused, url, {})).toBe(refused);
    const stalled = new StallError('git fetch stopped: Operation too slow');
    expect(throughProxy(stalled, url, env)).toBe(stalled);
    const other = new TransientError('git fetch failed: the remote end hung up unexpectedly');
    expect(throughProxy(other, url, env)).toBe(other);
  });
});
