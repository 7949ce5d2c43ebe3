// Just enough of git's pkt-line format to tell which protocol v2 command a request carries,
// and which ref updates a push had refused, so the request log can say so without a packet trace.
import { constants, gunzipSync } from 'node:zlib';

/**
 * The request body as git meant it: git gzips larger upload-pack requests (Content-Encoding:
 * gzip). Works on a truncated prefix too (SYNC_FLUSH returns what can be inflated so far),
 * which lets the server sniff the start of a streamed body. Undecodable input comes back as is.
 */
export function decodeBody(raw: Buffer, contentEncoding: string | undefined): Buffer {
  if (contentEncoding !== 'gzip' && contentEncoding !== 'x-gzip') return raw;
  try {
    return gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return raw;
  }
}

/** The payload of the first data pkt-line (without its newline), if complete. */
export function firstPktLine(buf: Buffer): string | undefined {
  const hex = buf.subarray(0, 4).toString('latin1');
  if (!/^[0-9a-f]{4}$/i.test(hex)) return undefined;
  const len = parseInt(hex, 16);
  // 0000 flush, 0001 delim, 0002 response-end carry no payload.
  if (len < 4 || buf.length < len) return undefined;
  return buf.subarray(4, len).toString('utf8').replace(/\n$/, '');
}

/** "ls-refs", "fetch", ... for a protocol v2 request body; undefined for v0/v1 bodies. */
export function v2Command(body: Buffer): string | undefined {
  const line = firstPktLine(body);
  return line?.startsWith('command=') ? line.slice('command='.length) : undefined;
}

/** The payloads of the pkt-lines in buf, flushes skipped; stops at a malformed length. */
function pktPayloads(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 4 <= buf.length) {
    const len = parseInt(buf.subarray(at, at + 4).toString('latin1'), 16);
    if (Number.isNaN(len)) break;
    if (len < 4) {
      at += 4;
      continue;
    }
    out.push(buf.subarray(at + 4, at + len));
    at += len;
  }
  return out;
}

/**
 * The refs a receive-pack answer refused (`ng <ref> <reason>` in its report-status), with or
 * without side-band: a lost compare-and-swap shows up here as the ref and git's reason.
 */
export function refusedUpdates(answer: Buffer): { ref: string; reason: string }[] {
  const packets = pktPayloads(answer);
  const sideBand = packets.length > 0 && !packets[0]!.toString('latin1').startsWith('unpack ');
  const report = sideBand
    ? pktPayloads(Buffer.concat(packets.filter((p) => p[0] === 1).map((p) => p.subarray(1))))
    : packets;
  const refused: { ref: string; reason: string }[] = [];
  for (const line of report) {
    const text = line.toString('utf8').replace(/\n$/, '');
    if (!text.startsWith('ng ')) continue;
    const [ref = '', ...reason] = text.slice(3).split(' ');
    refused.push({ ref, reason: reason.join(' ') });
  }
  return refused;
}
