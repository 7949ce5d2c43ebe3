/**
 * The extra headers git would send to a URL (`http.extraHeader`), read from a real clone's
 * configuration, in the order and with the matching git 2.39 applies (extra-headers.ts says
 * what was verified against git itself).
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, git, tempDir } from '../harness/index.js';
import { extraHeaders } from '../../src/git/extra-headers.js';
import { redact } from '../../src/secrets.js';

afterAll(cleanupTempDirs);

const URL_ = 'https://git.example.com/acme/repo.git';

/** A clone whose local config ends with `text` (written as is, so the order is exact). */
async function clone(text: string): Promise<string> {
  const dir = tempDir('extra-headers');
  await git(dir, ['init', '-q']);
  await appendFile(join(dir, '.git', 'config'), text);
  return dir;
}

describe('extraHeaders', () => {
  it('none without the setting', async () => {
    expect(await extraHeaders(await clone(''), URL_)).toEqual({ headers: {} });
  });

  it('plain and URL entries in config order, each header as given', async () => {
    const dir = await clone(
      [
        '[http]',
        '  extraHeader = X-Team: registry',
        '[http "https://git.example.com/"]',
        '  extraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46c2VjcmV0LXRva2Vu',
        '',
      ].join('\n'),
    );
    const got = await extraHeaders(dir, URL_);
    expect(got).toEqual({
      headers: {
        'X-Team': 'registry',
        AUTHORIZATION: 'basic eC1hY2Nlc3MtdG9rZW46c2VjcmV0LXRva2Vu',
      },
    });
    expect(Object.keys((got as { headers: object }).headers)).toEqual(['X-Team', 'AUTHORIZATION']);
  });

  it('skips an entry that matches less specifically than one taken before it, as git does', async () => {
    const dir = await clone(
      [
        '[http "https://git.example.com/"]',
        '  extraheader = X-B: 2',
        '[http]',
        '  extraheader = X-C: 3',
        '[http "https://git.example.com/acme"]',
        '  extraheader = X-D: 4',
        '[http "https://git.example.com/"]',
        '  extraheader = X-E: 5',
        '',
      ].join('\n'),
    );
    expect(await extraHeaders(dir, URL_)).toEqual({ headers: { 'X-B': '2', 'X-D': '4' } });
  });

  it('an empty value clears what came before it', async () => {
    const dir = await clone(
      [
        '[http "https://git.example.com/"]',
        '  extraheader = X-A: 1',
        '  extraheader =',
        '  extraheader = X-B: 2',
        '',
      ].join('\n'),
    );
    expect(await extraHeaders(dir, URL_)).toEqual({ headers: { 'X-B': '2' } });
    const cleared = await clone(
      [
        '[http]',
        '  extraheader = X-A: 1',
        '[http "https://git.example.com"]',
        '  extraheader =',
        '',
      ].join('\n'),
    );
    expect(await extraHeaders(cleared, URL_)).toEqual({ headers: {} });
  });

  it('only entries whose URL matches: scheme, host, port, path at a slash, user', async () => {
    const dir = await clone(
      [
        '[http "http://git.example.com/"]',
        '  extraheader = X-Scheme: no',
        '[http "https://other.example.com/"]',
        '  extraheader = X-Host: no',
        '[http "https://git.example.com:8443/"]',
        '  extraheader = X-Port: no',
        '[http "https://git.example.com/acm"]',
        '  extraheader = X-Partial-Path: no',
        '[http "https://bob@git.example.com/"]',
        '  extraheader = X-Other-User: no',
        '[http "https://*.example.com/acme/repo.git"]',
        '  extraheader = X-Wildcard: yes',
        '[http "https://git.example.com:443/acme/"]',
        '  extraheader = X-Default-Port: yes',
        '',
      ].join('\n'),
    );
    expect(await extraHeaders(dir, URL_)).toEqual({
      headers: { 'X-Wildcard': 'yes', 'X-Default-Port': 'yes' },
    });
    const asAlice = await extraHeaders(
      await clone(
        ['[http "https://alice@git.example.com/"]', '  extraheader = X-User: alice', ''].join('\n'),
      ),
      'https://alice@git.example.com/acme/repo.git',
    );
    expect(asAlice).toEqual({ headers: { 'X-User': 'alice' } });
  });

  it('reads an included file, as actions/checkout v6 leaves its credential', async () => {
    const dir = tempDir('extra-headers');
    await git(dir, ['init', '-q']);
    const included = join(tempDir('extra-headers-inc'), 'credentials.config');
    await writeFile(included, '[http "https://git.example.com/"]\n  extraheader = X-Inc: 1\n');
    await git(dir, ['config', 'includeIf.gitdir:' + join(dir, '.git') + '.path', included]);
    expect(await extraHeaders(dir, URL_)).toEqual({ headers: { 'X-Inc': '1' } });
  });

  it.each([
    ['no colon', '  extraheader = X-NoColon'],
    ['a key without a value', '  extraheader'],
    ['a name that is not a token', '  extraheader = X Team: 1'],
    ['a name with no value (curl would drop a header)', '  extraheader = X-Team:'],
    ['a header our requests set', '  extraheader = Content-Type: text/plain'],
    ['the same header twice', '  extraheader = X-A: 1\n  extraheader = x-a: 2'],
  ])('%s cannot be honoured', async (_, line) => {
    const dir = await clone(`[http]\n${line}\n`);
    expect(await extraHeaders(dir, URL_)).toEqual({ unusable: 'http.extraheader' });
  });

  it('a malformed header for another URL does not matter', async () => {
    const dir = await clone('[http "https://other.example.com/"]\n  extraheader = X-NoColon\n');
    expect(await extraHeaders(dir, URL_)).toEqual({ headers: {} });
  });

  it('credential values are secrets: the header, its credentials and the password', async () => {
    const password = 'pw-extra-header-9d2c';
    const b64 = Buffer.from(`x-access-token:${password}`).toString('base64');
    const dir = await clone(
      `[http "https://git.example.com/"]\n  extraheader = AUTHORIZATION: basic ${b64}\n  extraheader = X-Api-Key: key-5f1e0a77\n  extraheader = X-Team: registry\n`,
    );
    await extraHeaders(dir, URL_);
    expect(redact(`echoed ${b64} and ${password} and key-5f1e0a77`)).toBe(
      'echoed *** and *** and ***',
    );
    // A header that carries no credential is not hidden.
    expect(redact('team registry')).toBe('team registry');
  });
});
