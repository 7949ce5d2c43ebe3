/** Waiting for a rate-limiting git server: how long, and when to give up. */
import { describe, expect, it } from 'vitest';
import {
  newBudget,
  parseRetryAfter,
  rateLimitOf,
  RateLimited,
  withRateLimits,
} from '../../src/git/rate-limit.js';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('a 503 is a rate limit only with Retry-After; a 429 always', () => {
    expect(rateLimitOf(503, null)).toBeNull();
    expect(rateLimitOf(503, '2')?.retryAfterMs).toBe(2_000);
    expect(rateLimitOf(429, null)).toBeInstanceOf(RateLimited);
    expect(rateLimitOf(500, '2')).toBeNull();
  });
});

describe('withRateLimits', () => {
  it('waits as told, then a doubling guess, and stops when the budget would be exceeded', async () => {
    const waits: number[] = [];
    const answers = [
      new RateLimited(429, 2_000),
      new RateLimited(429, undefined),
      new RateLimited(429, undefined),
      new RateLimited(429, 60_000),
    ];
    const budget = newBudget(30_000);
    const outcome = withRateLimits(
      'push',
      budget,
      () => undefined,
      async () => {
        throw answers.shift()!;
      },
      async (ms) => {
        waits.push(ms);
      },
    );
    await expect(outcome).rejects.toMatchObject({
      code: 'rate-limited',
      message: expect.stringContaining('asked to wait 60 s, beyond the 13 s left'),
    });
    expect(waits).toEqual([2_000, 5_000, 10_000]);
  });
});
