/**
 * The registry's refs in one protocol-v2 `ls-refs` request: every prefix in the same POST, sent
 * without first asking for the server's capabilities. A v2 request is complete in itself, so
 * servers that speak v2 (GitHub, `git http-backend`) answer it like any other; the usual
 * capabilities round trip before it, and one request per prefix, would double or triple what a
 * command waits before it can start.
 */
import { netFetch } from '../net/http.js';
import { pktLine } from './pkt-line.js';

export interface LsRefsRequest {
  url: string;
  headers: Record<string, string>;
  prefixes: readonly string[];
  signal: AbortSignal;
  stallMs: number;
}

/** The server answered with an HTTP status other than 200 (the caller sorts out which). */
export class LsRefsStatus extends Error {
  constructor(
    readonly statusCode: number,
    readonly retryAfter: string | null,
  ) {
    super(`HTTP ${statusCode}`);
  }
}

/** The answer was not a v2 `ls-refs` listing: the server speaks an older protocol only. */
export class NotProtocolV2 extends Error {}

export function lsRefsBody(prefixes: readonly string[]): Buffer {
  return Buffer.concat([
    pktLine('command=ls-refs\n'),
    pktLine('agent=snapback\n'),
    Buffer.from('0001'),
    ...prefixes.map((p) => pktLine(`ref-prefix ${p}\n`)),
    Buffer.from('0000'),
  ]);
}

/** `<oid> <ref>[ <attribute>…]` pkt-lines up to the flush; anything else is not a v2 listing. */
export function parseLsRefs(body: Buffer): Map<string, string> {
  const refs = new Map<string, string>();
  let at = 0;
  while (at + 4 <= body.length) {
    const len = parseInt(body.subarray(at, at + 4).toString('latin1'), 16);
    if (Number.isNaN(len) || (len > 0 && len < 4)) throw new NotProtocolV2('not pkt-lines');
    if (len === 0) return refs;
    const line = body
      .subarray(at + 4, at + len)
      .toString('utf8')
      .replace(/\n$/, '');
    at += len;
    const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+)/.exec(line);
    if (!m) throw new NotProtocolV2(line.slice(0, 200));
    refs.set(m[2]!, m[1]!);
  }
  throw new NotProtocolV2('no flush at the end of the listing');
}

export async function lsRefs(req: LsRefsRequest): Promise<Map<string, string>> {
  const res = await netFetch(`${req.url}/git-upload-pack`, {
    method: 'POST',
    headers: {
      ...req.headers,
      'Content-Type': 'application/x-git-upload-pack-request',
      Accept: 'application/x-git-upload-pack-result',
      'Git-Protocol': 'version=2',
      'User-Agent': 'git/2.39 (snapback)',
    },
    body: lsRefsBody(req.prefixes),
    signal: req.signal,
    stallMs: req.stallMs,
  });
  if (res.status !== 200) throw new LsRefsStatus(res.status, res.headers.get('retry-after'));
  const listed = parseLsRefs(res.body);
  // The server filters by prefix too, but only as far as it likes: keep what was asked for.
  return new Map([...listed].filter(([ref]) => req.prefixes.some((p) => ref.startsWith(p))));
}
