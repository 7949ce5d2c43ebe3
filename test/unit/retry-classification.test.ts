/**
 * Which failures are worth asking again. A 4xx answer is the server's word (asking again gets
 * the same answer, or repeats a write), except 408 (timeout) and 429 (rate limit); a 5xx, a
 * timeout and a lost connection are retried. The stderr samples are what git 2.39+ with curl
 * prints for each case (taken from runs against the test server).
 */
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, SnapbackError, TransientError } from '../../src/errors.js';
import { classifyFailure } from '../../src/git/run-git.js';
import { httpFailure } from '../../src/git/native-git.js';
import { RateLimited } from '../../src/git/rate-limit.js';
import { isTransient } from '../../src/github/sticky-comment.js';

const URL = "'http://127.0.0.1:41234/octo/repo.git/'";

const REFUSED_4XX = [400, 405, 409, 410, 411, 413, 415, 422, 451];
const RETRYABLE = [408, 429, 500, 501, 502, 503, 504, 599];

describe('isRetryableStatus', () => {
  it('retries 408, 429 and every 5xx, nothing else', () => {
    for (const s of RETRYABLE) expect(isRetryableStatus(s), String(s)).toBe(true);
    for (const s of [...REFUSED_4XX, 401, 403, 404, 200, 204, 301, 304, 600])
      expect(isRetryableStatus(s), String(s)).toBe(false);
  });
});

function classify(stderr: string, code = 128) {
  return classifyFailure(['fetch', '--quiet'], { code, stdout: Buffer.alloc(0), stderr });
}

describe('classifyFailure (git CLI)', () => {
  it('does not retry a 4xx answer, neither to the advertisement nor to a POST', () => {
    for (const status of REFUSED_4XX) {
      for (const stderr of [
        `remote: no\nfatal: unable to access ${URL}: The requested URL returned error: ${status}`,
        // git follows a refused POST with lines that alone would read as a lost connection.
        `error: RPC failed; HTTP ${status} curl 22 The requested URL returned error: ${status}\nsend-pack: unexpected disconnect while reading sideband packet\nfatal: the remote end hung up unexpectedly`,
      ]) {
        const e = classify(stderr);
        expect(e, stderr).toBeInstanceOf(SnapbackError);
        expect(e, stderr).not.toBeInstanceOf(TransientError);
        expect(e.message).toContain(`HTTP ${status}`);
      }
    }
  });

  it('names refused credentials and a missing repository, without retrying', () => {
    for (const status of [401, 403]) {
      const e = classify(
        `fatal: unable to access ${URL}: The requested URL returned error: ${status}`,
      );
      expect(e).toMatchObject({ code: 'auth-failed' });
      expect(e).not.toBeInstanceOf(TransientError);
    }
    expect(
      classify(
        "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
      ),
    ).toMatchObject({ code: 'auth-failed' });
    const missing = classify(`remote: Repository not found.\nfatal: repository ${URL} not found`);
    expect(missing).toMatchObject({ code: 'git-failed' });
    expect(missing).not.toBeInstanceOf(TransientError);
  });

  it("gives the Action's hints in the Action and git's credentials on the command line", () => {
    const refused = `fatal: unable to access ${URL}: The requested URL returned error: 401`;
    const missing = `remote: Repository not found.\nfatal: repository ${URL} not found`;
    const hintOf = (stderr: string, runsIn?: 'action' | 'cli') =>
      (
        classifyFailure(
          ['push'],
          { code: 128, stdout: Buffer.alloc(0), stderr },
          runsIn,
        ) as SnapbackError
      ).hint ?? '';
    for (const runsIn of ['action', undefined] as const) {
      expect(hintOf(refused, runsIn)).toMatch(/permissions: contents: write/);
      expect(hintOf(missing, runsIn)).toMatch(/GITHUB_REPOSITORY/);
    }
    const cliRefused = hintOf(refused, 'cli');
    expect(cliRefused).toMatch(/credential helper/);
    expect(cliRefused).not.toMatch(/permissions|job|'token' input|GITHUB_/);
    const cliMissing = hintOf(missing, 'cli');
    expect(cliMissing).toMatch(/remote's URL/);
    expect(cliMissing).not.toMatch(/GITHUB_|token/);
  });

  it('retries 408 and 5xx answers, and waits out 429 (a rate limit)', () => {
    for (const stderr of [
      `fatal: unable to access ${URL}: The requested URL returned error: 429`,
      'error: RPC failed; HTTP 429 curl 22 The requested URL returned error: 429\nfatal: the remote end hung up unexpectedly',
    ]) {
      expect(classify(stderr), stderr).toBeInstanceOf(RateLimited);
    }
    for (const status of RETRYABLE.filter((s) => s !== 429)) {
      for (const stderr of [
        `fatal: unable to access ${URL}: The requested URL returned error: ${status}`,
        `error: RPC failed; HTTP ${status} curl 22 The requested URL returned error: ${status}\nfatal: the remote end hung up unexpectedly`,
      ]) {
        expect(classify(stderr), stderr).toBeInstanceOf(TransientError);
      }
    }
  });

  it('retries lost connections and timeouts', () => {
    for (const stderr of [
      `fatal: unable to access ${URL}: Empty reply from server`,
      `fatal: unable to access ${URL}: Recv failure: Connection reset by peer`,
      `fatal: unable to access ${URL}: transfer closed with outstanding read data remaining`,
      `fatal: unable to access ${URL}: Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server`,
      `fatal: unable to access ${URL}: Could not resolve host: github.com`,
      `fatal: unable to access ${URL}: Operation timed out after 300000 milliseconds with 0 bytes received`,
      `fatal: unable to access ${URL}: Send failure: Broken pipe`,
      'error: RPC failed; curl 56 Recv failure: Connection reset by peer\nfatal: expected flush after ref listing',
      'error: RPC failed; curl 18 transfer closed with outstanding read data remaining\nfatal: early EOF\nfatal: fetch-pack: invalid index-pack output',
      'error: RPC failed; curl 92 HTTP/2 stream 5 was not closed cleanly: INTERNAL_ERROR (err 2)',
      `fatal: unable to access ${URL}: HTTP/2 stream 1 was not closed cleanly: PROTOCOL_ERROR (err 1)`,
      'fatal: the remote end hung up unexpectedly',
    ]) {
      expect(classify(stderr), stderr).toBeInstanceOf(TransientError);
    }
  });

  it('does not retry what git itself refuses', () => {
    for (const stderr of [
      "fatal: couldn't find remote ref refs/versions/t/9",
      'error: src refspec deadbeef does not match any',
      'fatal: bad object 0123456789abcdef0123456789abcdef01234567',
      '',
    ]) {
      const e = classify(stderr);
      expect(e, stderr).toMatchObject({ code: 'git-failed' });
      expect(e, stderr).not.toBeInstanceOf(TransientError);
    }
  });

  it('keeps credentials out of the message', () => {
    const e = classify(
      'fatal: unable to access https://x-access-token:ghs_secret@github.com/o/r.git/: The requested URL returned error: 500\nAuthorization: Basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==',
    );
    expect(e).toBeInstanceOf(TransientError);
    expect(e.message).not.toContain('ghs_secret');
    expect(e.message).not.toContain('eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA');
  });
});

/** isomorphic-git's HttpError, as its fetch client throws it. */
function httpError(statusCode: number) {
  return Object.assign(new Error(`HTTP Error: ${statusCode} x`), {
    code: 'HttpError',
    data: { statusCode, statusMessage: 'x' },
  });
}

describe('httpFailure (ref listing)', () => {
  it('retries 408, 429, 5xx and errors without an answer; not other 4xx', () => {
    for (const s of RETRYABLE)
      expect(httpFailure(httpError(s), 'list refs')).toBeInstanceOf(TransientError);
    for (const s of REFUSED_4XX) {
      const e = httpFailure(httpError(s), 'list refs');
      expect(e, String(s)).toMatchObject({ code: 'git-failed' });
      expect(e, String(s)).not.toBeInstanceOf(TransientError);
    }
    expect(httpFailure(httpError(401), 'list refs')).toMatchObject({ code: 'auth-failed' });
    expect(httpFailure(httpError(404), 'list refs')).not.toBeInstanceOf(TransientError);
    const reset = Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' });
    expect(httpFailure(reset, 'list refs')).toBeInstanceOf(TransientError);
    expect(httpFailure(new TypeError('fetch failed'), 'list refs')).toBeInstanceOf(TransientError);
  });
});

/** What @octokit/request throws: a RequestError with the answer's status (500 for no answer). */
function requestError(status: number) {
  return Object.assign(new Error('x'), { name: 'HttpError', status });
}

describe('isTransient (GitHub REST)', () => {
  it('retries 408, 429, 5xx and failures without a status; not other 4xx', () => {
    for (const s of RETRYABLE) expect(isTransient(requestError(s)), String(s)).toBe(true);
    for (const s of [...REFUSED_4XX, 401, 403, 404])
      expect(isTransient(requestError(s)), String(s)).toBe(false);
    expect(isTransient(new TypeError('fetch failed'))).toBe(true);
  });

  it('never retries our own judged errors, only our transient ones', () => {
    expect(isTransient(new SnapbackError('auth-failed', 'no'))).toBe(false);
    expect(isTransient(Object.assign(new SnapbackError('git-failed', 'x'), { status: 502 }))).toBe(
      false,
    );
    expect(isTransient(new TransientError('blip'))).toBe(true);
  });
});
