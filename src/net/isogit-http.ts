/**
 * isomorphic-git's HTTP client interface over our own requests, so its ref listing goes
 * through the environment's proxy and stops with the step's signal like every other request.
 * Ref listings are small: the answer is read whole and handed over as one chunk.
 */
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { netFetch } from './http.js';

async function collect(body: AsyncIterableIterator<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

async function* once(buf: Buffer): AsyncIterableIterator<Uint8Array> {
  yield new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function isogitHttp(signal: AbortSignal, stallMs: number): HttpClient {
  return {
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      const method = req.method ?? 'GET';
      const res = await netFetch(req.url, {
        method,
        headers: req.headers ?? {},
        ...(req.body ? { body: await collect(req.body) } : {}),
        signal,
        stallMs,
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => (headers[key] = value));
      return {
        url: res.url,
        method,
        statusCode: res.status,
        statusMessage: res.statusText,
        body: once(res.body),
        headers,
      };
    },
  };
}
