import { describe, expect, it } from 'vitest';
import { type IpAddress, inRanges, limitKeyOf, parseIp, parseIpRange, parseIpRanges } from './ip.js';

const ip = (text: string) => parseIp(text) as IpAddress;

describe('IP addresses and ranges', () => {
  it('reads IPv4, IPv6 (compressed, bracketed, scoped) and IPv4-mapped addresses', () => {
    expect(parseIp('203.0.113.7')).toEqual({ family: 4, value: 0xcb007107n });
    expect(parseIp('::ffff:203.0.113.7')).toEqual(parseIp('203.0.113.7'));
    expect(parseIp('[2001:db8::1]')).toEqual({ family: 6, value: (0x20010db8n << 96n) | 1n });
    expect(parseIp('fe80::1%eth0')).toEqual({ family: 6, value: (0xfe80n << 112n) | 1n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    for (const bad of ['', '256.1.1.1', '1.2.3', '1:2:3', '1::2::3', 'localhost', '1.2.3.4.5', '12345::']) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('tells whether an address is in a list of ranges', () => {
    const parsed = parseIpRanges('10.0.0.0/8, 192.0.2.1 2001:db8::/32');
    expect('ranges' in parsed).toBe(true);
    const ranges = 'ranges' in parsed ? parsed.ranges : [];
    expect(inRanges(ip('10.200.3.4'), ranges)).toBe(true);
    expect(inRanges(ip('::ffff:10.0.0.1'), ranges)).toBe(true);
    expect(inRanges(ip('192.0.2.1'), ranges)).toBe(true);
    expect(inRanges(ip('192.0.2.2'), ranges)).toBe(false);
    expect(inRanges(ip('2001:db8:ffff::9'), ranges)).toBe(true);
    expect(inRanges(ip('2001:db9::9'), ranges)).toBe(false);
    expect(parseIpRanges('10.0.0.0/8,nonsense')).toEqual({ invalid: 'nonsense' });
    expect(parseIpRange('10.0.0.0/33')).toBeUndefined();
    expect(parseIpRange('0.0.0.0/0')).toEqual({ family: 4, base: 0n, prefix: 0 });
  });

  it('counts an IPv6 client by its /64 network, an IPv4 one by its address', () => {
    expect(limitKeyOf(ip('203.0.113.7'))).toBe('203.0.113.7');
    expect(limitKeyOf(ip('2001:db8:1:2:aaaa::1'))).toBe('2001:db8:1:2::/64');
    expect(limitKeyOf(ip('2001:db8:1:2:bbbb::9'))).toBe('2001:db8:1:2::/64');
  });
});
