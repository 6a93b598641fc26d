/**
 * Source addresses as a baseline compares them: the address and its network, a /24 for IPv4
 * and a /64 for IPv6 (the usual size of one site or one cloud subnet). IPv4-mapped IPv6
 * addresses (`::ffff:203.0.113.7`) count as IPv4.
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface SourceAddress {
  /** The address in canonical form (IPv6 expanded and lowercased). */
  readonly ip: string;
  /** `203.0.113.0/24` or `2001:db8:0:1::/64`. */
  readonly network: string;
}

function expandIPv6(text: string): number[] | undefined {
  const [head = '', tail] = text.toLowerCase().split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  const numbers = groups.map((group) => Number.parseInt(group, 16));
  return numbers.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? numbers : undefined;
}

function ipv4(text: string): SourceAddress {
  const [a, b, c] = text.split('.');
  return { ip: text, network: `${a}.${b}.${c}.0/24` };
}

/** Parses an address from `sourceIPs`; `undefined` when it is not an IP address. */
export function sourceAddress(text: string): SourceAddress | undefined {
  const trimmed = text.trim();
  if (isIPv4(trimmed)) return ipv4(trimmed);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped?.[1] && isIPv4(mapped[1])) return ipv4(mapped[1]);
  if (!isIPv6(trimmed)) return undefined;
  // A zone id (`fe80::1%eth0`) is local to one host; drop it.
  const groups = expandIPv6(trimmed.split('%', 1)[0] ?? '');
  if (!groups) return undefined;
  const hex = groups.map((group) => group.toString(16));
  const prefix = hex.slice(0, 4).join(':');
  return { ip: hex.join(':'), network: `${prefix}::/64` };
}
