// A forwarding HTTP proxy on loopback, as self-hosted runners sit behind: plain-http requests in
// absolute form are forwarded, CONNECT opens a tunnel. It counts what went through it, and can
// resolve host names nobody else can (`hosts`), so a request that bypasses it fails to resolve.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { tempDir } from './temp.js';

export interface ProxiedRequest {
  kind: 'forward' | 'connect';
  /** Forwarded: the method; CONNECT: 'CONNECT'. */
  method: string;
  /** host:port asked for, as the client named it. */
  target: string;
  /** Forwarded: the path and query. */
  path: string;
  userAgent: string | undefined;
  /** Status the proxy sent back (200 for an opened tunnel, 502 when the target failed). */
  status: number;
}

export interface ForwardingProxy {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Host names only the proxy can resolve, e.g. { 'git.example.test': '127.0.0.1' }. */
  hosts?: Record<string, string>;
}

function splitHostPort(hostPort: string, defaultPort: number): [string, number] {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hostPort);
  return [m?.[1] ?? hostPort, Number(m?.[2] ?? defaultPort)];
}

export async function startForwardingProxy(opts: ProxyOptions = {}): Promise<ForwardingProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const resolve = (host: string) => opts.hosts?.[host.toLowerCase()] ?? host;

  const server = createServer((req: IncomingMessage, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URL expected\n');
      return;
    }
    const entry: ProxiedRequest = {
      kind: 'forward',
      method: req.method ?? 'GET',
      target: target.host,
      path: target.pathname + target.search,
      userAgent: req.headers['user-agent'],
      status: 0,
    };
    requests.push(entry);
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      {
        host: resolve(target.hostname),
        port: Number(target.port) || 80,
        method: req.method,
        path: entry.path,
        headers,
      },
      (up) => {
        entry.status = up.statusCode ?? 0;
        res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502).end('bad gateway\n');
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host, port] = splitHostPort(req.url ?? '', 443);
    const entry: ProxiedRequest = {
      kind: 'connect',
      method: 'CONNECT',
      target: req.url ?? '',
      path: '',
      userAgent: req.headers['user-agent'],
      status: 0,
    };
    requests.push(entry);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const upstream = connect(port, resolve(host), () => {
      entry.status = 200;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (entry.status === 0) {
        entry.status = 502;
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      } else client.destroy();
    });
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    async close() {
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

/** A loopback port with nothing listening: a proxy that is down. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

export interface TlsFront {
  /** https://<name>:PORT */
  readonly url: string;
  /** The certificate (PEM) to trust: GIT_SSL_CAINFO for git, NODE_EXTRA_CA_CERTS for Node. */
  readonly caFile: string;
  close(): Promise<void>;
}

/**
 * HTTPS in front of a plain-http server, as GitHub serves git: TLS is terminated here with a
 * self-signed certificate for `name` (made by openssl), and the bytes go on to `target`.
 */
export async function startTlsFront(target: string, name: string): Promise<TlsFront> {
  const dir = tempDir('snapback-tls');
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    `subjectAltName=DNS:${name}`,
  ]);
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const server = createTlsServer(
    { key: await readFile(keyFile), cert: await readFile(caFile) },
    (client) => {
      const up = connect(Number(upstream.port), upstream.hostname);
      for (const s of [client, up]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(up).pipe(client);
      client.on('close', () => up.destroy());
      up.on('close', () => client.destroy());
    },
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    url: `https://${name}:${(server.address() as AddressInfo).port}`,
    caFile,
    async close() {
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
