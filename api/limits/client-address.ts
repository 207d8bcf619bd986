import type { Context, MiddlewareHandler } from 'hono';
import { type IpAddress, type IpRange, inRanges, limitKeyOf, parseIp } from './ip.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The client's address as the limits count it (an IPv6 client by its /64), when known. */
    clientAddress: string | undefined;
  }
}

/** Where a platform finds the address of the client that sent a request. */
export type ClientAddressOf = (c: Context) => string | undefined;

function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * On Node (@hono/node-server): the socket's peer. When that peer is a trusted proxy
 * (`TRUSTED_PROXIES`), the client is the address the proxies forwarded: `X-Forwarded-For` read from
 * the right, past every trusted proxy (a client may put anything on its left), else
 * `CF-Connecting-IP`. Headers from anyone else are ignored: they are the client's to forge.
 */
export function nodeClientAddress(trustedProxies: readonly IpRange[]): ClientAddressOf {
  return (c) => {
    const peer = parseIp(socketAddress(c) ?? '');
    if (!peer) return undefined;
    if (!inRanges(peer, trustedProxies)) return limitKeyOf(peer);
    return limitKeyOf(forwardedClient(c, peer, trustedProxies));
  };
}

function forwardedClient(c: Context, proxy: IpAddress, trusted: readonly IpRange[]): IpAddress {
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return parseIp(c.req.header('cf-connecting-ip') ?? '') ?? proxy;
  let nearest = proxy;
  for (const hop of hops.reverse()) {
    // "203.0.113.7:4711": a port some proxies add.
    const ip = parseIp(hop) ?? parseIp(hop.replace(/:\d+$/, ''));
    // Not an address: the nearest hop known is as far as the chain can be believed.
    if (!ip) return nearest;
    if (!inRanges(ip, trusted)) return ip;
    nearest = ip;
  }
  return nearest;
}

/**
 * On Cloudflare Workers: `CF-Connecting-IP`, which Cloudflare's edge sets on every request (a
 * client's own header of that name is replaced), so it needs no trusted-proxy list.
 */
export const cloudflareClientAddress: ClientAddressOf = (c) => {
  const ip = parseIp(c.req.header('cf-connecting-ip') ?? '');
  return ip ? limitKeyOf(ip) : undefined;
};

/** Reads the client's address once per request, for the limits (`c.get('clientAddress')`). */
export function clientAddress(addressOf: ClientAddressOf): MiddlewareHandler {
  return async function readClientAddress(c, next) {
    c.set('clientAddress', addressOf(c));
    await next();
  };
}
