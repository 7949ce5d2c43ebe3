/**
 * One smart-HTTP receive-pack request: ref updates (compare-and-swap, `atomic`) and a thin pack
 * of just the new objects, in a single POST. `git push` first downloads the server's whole ref
 * advertisement (every ref of the repository: 700 KB with 10,000 versions) before it can send;
 * we already know the values we expect, so we skip it. Servers answer a POST without a prior
 * advertisement exactly like any other stateless-rpc request (GitHub and `git http-backend`).
 */
import { isRetryableStatus, SnapbackError, TransientError } from '../errors.js';
import { ZERO_OID } from '../core/refs.js';
import { netFetch, type NetResponse } from '../net/http.js';
import type { PushOutcome, RefUpdate } from './git.js';
import { isRace, looksRefused, refusal } from './push-refusal.js';
import { rateLimitOf } from './rate-limit.js';
import { pktLine, readPktLines } from './pkt-line.js';

/**
 * A pack as a process writes it. A stream can be read once, so every attempt of a request
 * starts its own writer.
 */
export interface PackSource {
  bytes: AsyncIterable<Uint8Array>;
  /** Resolves when the writer finished cleanly; rejects with why it did not. */
  done: Promise<unknown>;
  /** Ends the writer early: the request ended before reading everything. */
  stop(): void;
}

export interface ReceivePackRequest {
  url: string;
  headers: Record<string, string>;
  updates: readonly RefUpdate[];
  /** Starts the pack of new objects, or null when every update is a deletion. */
  pack: (() => PackSource) | null;
  /** Stops the request (the step's budget, the run's cancellation). */
  signal: AbortSignal;
  /** How long the request may go without progress before it is abandoned. */
  stallMs: number;
}

/** The server lacked objects the thin pack relied on; `git push` can still do it. */
export class NeedsFullPush extends Error {}

/** The server refused our credentials (401) or what they may do (403). */
export class AuthRefused extends SnapbackError {
  constructor(readonly status: number) {
    super(
      'auth-failed',
      `The git server refused the push (HTTP ${status}).`,
      "Give the job 'permissions: contents: write' (or pass a token with write access to the 'token' input).",
    );
  }
}

/** The commands of a receive-pack request: pkt-lines, the first with our capabilities, a flush. */
export function commandLines(updates: readonly RefUpdate[], caps: string): Buffer {
  const lines = updates.map((u, i) => {
    const command = `${u.expected ?? ZERO_OID} ${u.next ?? ZERO_OID} ${u.ref}`;
    return pktLine(i === 0 ? `${command}\0${caps}\n` : `${command}\n`);
  });
  return Buffer.concat([...lines, Buffer.from('0000')]);
}

/** The capabilities we ask for; the HTTP request is sent without reading the server's first. */
const HTTP_CAPS = 'report-status side-band-64k atomic quiet agent=snapback';

/**
 * The request body: the commands, then the pack as the writer produces it, passed on chunk by
 * chunk (the request pulls, so a slow upload holds the writer back instead of piling up here).
 * A writer that fails makes the body fail, which abandons the request before the server could
 * take a truncated pack.
 */
export async function* requestBody(
  updates: readonly RefUpdate[],
  pack: PackSource | null,
  caps = HTTP_CAPS,
): AsyncGenerator<Uint8Array> {
  yield commandLines(updates, caps);
  if (!pack) return;
  for await (const chunk of pack.bytes) yield chunk;
  await pack.done;
}

/**
 * The report-status lines inside band 1 of a side-band-64k answer; band 2 is the server's
 * progress text (what git shows as `remote:` lines: a hook's output, why a push was refused);
 * band 3 is a fatal error.
 */
export function parseReport(body: Buffer): {
  unpack: string;
  refs: Map<string, string | null>;
  progress: string;
  fatal?: string;
} {
  const band1: Buffer[] = [];
  const band2: Buffer[] = [];
  let fatal: string | undefined;
  for (const pkt of readPktLines(body)) {
    const band = pkt[0];
    if (band === 1) band1.push(pkt.subarray(1));
    else if (band === 2) band2.push(pkt.subarray(1));
    else if (band === 3) fatal = pkt.subarray(1).toString('utf8').trim();
  }
  const refs = new Map<string, string | null>();
  let unpack = '';
  for (const line of readPktLines(Buffer.concat(band1))) {
    const text = line.toString('utf8').replace(/\n$/, '');
    if (text.startsWith('unpack ')) unpack = text.slice(7);
    else if (text.startsWith('ok ')) refs.set(text.slice(3), null);
    else if (text.startsWith('ng ')) {
      const [ref = '', ...reason] = text.slice(3).split(' ');
      refs.set(ref, reason.join(' ') || 'rejected');
    }
  }
  const progress = Buffer.concat(band2).toString('utf8');
  return { unpack, refs, progress, ...(fatal ? { fatal } : {}) };
}

const MISSING =
  /missing necessary objects|unresolved delta|bad pack|index-pack|unpack-objects|connectivity|missing (blob|tree|commit)/i;

export async function sendReceivePack(req: ReceivePackRequest): Promise<PushOutcome> {
  const pack = req.pack ? req.pack() : null;
  let packError: unknown;
  pack?.done.catch((e: unknown) => {
    packError = e;
  });
  let res: NetResponse;
  try {
    // Failures to connect or a stalled answer come back as typed, retryable errors.
    res = await netFetch(`${req.url}/git-receive-pack`, {
      method: 'POST',
      headers: {
        ...req.headers,
        'Content-Type': 'application/x-git-receive-pack-request',
        Accept: 'application/x-git-receive-pack-result',
        'User-Agent': 'git/2.39 (snapback)',
      },
      body: requestBody(req.updates, pack),
      signal: req.signal,
      stallMs: req.stallMs,
    });
  } catch (e) {
    // The writer failed (the body ended with its error): `git push` may still manage.
    if (packError !== undefined) throw new NeedsFullPush(String((packError as Error).message));
    throw e;
  } finally {
    // A server that answered before reading the whole pack (a refusal) leaves the writer blocked.
    pack?.stop();
  }
  return judge(req, res);
}

/** What the server's answer means: landed, lost a race, refused, or needs a full push. */
export function judge(
  req: Pick<ReceivePackRequest, 'updates'>,
  res: Pick<NetResponse, 'status' | 'headers' | 'body'>,
): PushOutcome {
  if (res.status === 401 || res.status === 403) throw new AuthRefused(res.status);
  const limited = rateLimitOf(res.status, res.headers.get('retry-after'));
  if (limited) throw limited;
  if (isRetryableStatus(res.status))
    throw new TransientError(`The git server answered HTTP ${res.status} to the push.`);
  if (res.status !== 200) throw new NeedsFullPush(`HTTP ${res.status}`);
  const report = parseReport(res.body);
  if (report.fatal) {
    if (MISSING.test(report.fatal)) throw new NeedsFullPush(report.fatal);
    throw refusal([], `${report.progress}\n${report.fatal}`);
  }
  if (report.unpack !== 'ok') {
    // A server that ends the request with only a reason on the progress channel (a push policy
    // counting commands) has refused it; git push would only hear the same.
    if (report.unpack === '' && looksRefused(report.progress)) throw refusal([], report.progress);
    if (report.unpack === '' || MISSING.test(report.unpack))
      throw new NeedsFullPush(report.unpack || 'no report');
    throw new SnapbackError(
      'git-failed',
      `The git server could not unpack the push: ${report.unpack}`,
    );
  }
  const refused = [...report.refs].filter(([, reason]) => reason !== null);
  if (refused.length === 0 && report.refs.size === req.updates.length) return { ok: true };
  if (refused.some(([, reason]) => MISSING.test(reason ?? ''))) {
    throw new NeedsFullPush(refused.map(([r, why]) => `${r}: ${why}`).join('; '));
  }
  const rejections = refused.map(([ref, reason]) => ({ ref, reason: reason ?? 'rejected' }));
  if (!isRace(rejections, report.progress)) throw refusal(rejections, report.progress);
  return {
    ok: false,
    rejected: rejections.map((r) => r.ref),
    detail: rejections.map((r) => `! ${r.ref} ${r.reason}`).join('\n'),
  };
}
