/**
 * IP addresses and CIDR ranges, in plain TypeScript (the same on Node and Workers): enough to tell
 * whether a connection comes from a trusted proxy and to name a client's address for the limits.
 */

export interface IpAddress {
  family: 4 | 6;
  /** The address as a number: 32 bits for IPv4, 128 for IPv6. */
  value: bigint;
}

export interface IpRange {
  family: 4 | 6;
  /** The range's first address, its host bits cleared. */
  base: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return undefined;
  const groups: number[] = [];
  const readGroups = (piece: string): number[] | undefined => {
    if (piece === '') return [];
    const out: number[] = [];
    const items = piece.split(':');
    for (const [i, item] of items.entries()) {
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-f]{1,4}$/i.test(item)) out.push(Number.parseInt(item, 16));
      else return undefined;
    }
    return out;
  };
  const [head = '', tail] = text.split('::');
  const first = readGroups(head);
  const last = tail === undefined ? [] : readGroups(tail);
  if (!first || !last) return undefined;
  const missing = 8 - first.length - last.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  groups.push(...first, ...Array.from({ length: tail === undefined ? 0 : missing }, () => 0), ...last);
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

const MAPPED_V4 = 0xffffn << 32n;

/**
 * An IPv4 or IPv6 address as written in a socket, a header or a setting ("203.0.113.7",
 * "2001:db8::1", "[2001:db8::1]", "fe80::1%eth0"). An IPv4-mapped IPv6 address ("::ffff:10.0.0.1",
 * as Node reports IPv4 clients on a dual-stack socket) is the IPv4 address.
 */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%[\w.-]+$/, '');
  if (bare.includes(':')) {
    const value = parseIpv6(bare);
    if (value === undefined) return undefined;
    return value >> 32n === 0xffffn ? { family: 4, value: value - MAPPED_V4 } : { family: 6, value };
  }
  const value = parseIpv4(bare);
  return value === undefined ? undefined : { family: 4, value };
}

/** "10.0.0.0/8", "2001:db8::/32", or one address ("192.0.2.1": a range of one). */
export function parseIpRange(text: string): IpRange | undefined {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  const bits = BITS[ip.family];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { family: ip.family, base: (ip.value >> hostBits) << hostBits, prefix };
}

/**
 * A comma- or space-separated list of ranges (the `TRUSTED_PROXIES` setting): the ranges, or the
 * first entry that is none.
 */
export function parseIpRanges(text: string): { ranges: IpRange[] } | { invalid: string } {
  const ranges: IpRange[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const range = parseIpRange(entry);
    if (!range) return { invalid: entry };
    ranges.push(range);
  }
  return { ranges };
}

export function inRanges(ip: IpAddress, ranges: readonly IpRange[]): boolean {
  return ranges.some((range) => {
    if (range.family !== ip.family) return false;
    const hostBits = BigInt(BITS[ip.family] - range.prefix);
    return (ip.value >> hostBits) << hostBits === range.base;
  });
}

/**
 * The name a client is counted under by the limits: an IPv4 address as such; an IPv6 address by
 * its /64 network, which one subscriber usually holds whole (counting each address would let one
 * line change address for every request).
 */
export function limitKeyOf(ip: IpAddress): string {
  if (ip.family === 4)
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  const network = ip.value >> 64n;
  const groups = [48n, 32n, 16n, 0n].map((shift) => ((network >> shift) & 0xffffn).toString(16));
  return `${groups.join(':')}::/64`;
}
