/**
 * Which proxy a request goes through, read from the environment the way git (curl) reads it, so
 * our own requests take the same path as the git we start: `https_proxy`/`HTTPS_PROXY` for
 * https URLs, `http_proxy`/`HTTP_PROXY` for http URLs (lower case first), and `no_proxy`/
 * `NO_PROXY` exceptions (`*`, host names with their subdomains, `.domain`, `host:port`, IP
 * addresses and CIDR ranges). The proxying itself is undici's.
 */
import { BlockList, isIP } from 'node:net';

export interface ProxyChoice {
  /** The proxy URL, credentials included (for the connection only). */
  url: string;
  /** The proxy for messages: scheme, host and port, never credentials. */
  shown: string;
  /** The variable it came from, e.g. HTTPS_PROXY. */
  variable: string;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string): [string, string] | undefined {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable]?.trim();
    if (value) return [variable, value];
  }
  return undefined;
}

function bracketless(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** Whether `no_proxy` exempts this host and port. */
export function bypassesProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = bracketless(hostname);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const m = /^(.*?):(\d+)$/.exec(entry);
    if (m && !isIP(entry)) {
      entry = m[1]!;
      entryPort = Number(m[2]);
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = bracketless(entry);
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr && isIP(cidr[1]!) && isIP(host)) {
      const family = isIP(cidr[1]!) === 6 ? 'ipv6' : 'ipv4';
      if ((isIP(host) === 6 ? 'ipv6' : 'ipv4') !== family) continue;
      const list = new BlockList();
      try {
        list.addSubnet(cidr[1]!, Number(cidr[2]), family);
      } catch {
        continue; // a prefix longer than the address: not a range
      }
      if (list.check(host, family)) return true;
      continue;
    }
    entry = entry.replace(/^\*?\./, '');
    if (host === entry || (!isIP(host) && host.endsWith(`.${entry}`))) return true;
  }
  return false;
}

/** The proxy for `target`, or undefined to connect directly. */
export function proxyFor(target: string | URL, env = process.env): ProxyChoice | undefined {
  const url = new URL(target);
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') return undefined;
  const found = fromEnv(env, https ? 'https_proxy' : 'http_proxy');
  if (!found) return undefined;
  const port = Number(url.port) || (https ? 443 : 80);
  const noProxy = fromEnv(env, 'no_proxy')?.[1] ?? '';
  if (noProxy && bypassesProxy(url.hostname, port, noProxy)) return undefined;
  const [variable, value] = found;
  const proxyUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(proxyUrl);
  } catch {
    return { url: proxyUrl, shown: '(unreadable URL)', variable };
  }
  return { url: parsed.href, shown: `${parsed.protocol}//${parsed.host}`, variable };
}
