/**
 * `cidr` (modifiers appendix §IP): IPv4 and IPv6 networks. Addresses are parsed into 16-bit
 * words (IPv4: 2 words, IPv6: 8 words) so the prefix test is a few integer comparisons.
 * @module
 */

export interface IpAddress {
  readonly family: 4 | 6;
  readonly words: readonly number[];
}

export interface CidrNetwork {
  readonly family: 4 | 6;
  readonly words: readonly number[];
  readonly prefix: number;
  /** The network as written, for messages. */
  readonly text: string;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return [(bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!];
}

function parseIpv6(text: string): number[] | undefined {
  let body = text;
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    const head = body.slice(0, lastColon);
    body = head.endsWith(':') ? `${head}:` : head;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      groups.push(Number.parseInt(group, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0]!);
  if (!head) return undefined;
  if (halves.length === 1) {
    const words = [...head, ...tail];
    return words.length === 8 ? words : undefined;
  }
  const rest = parseGroups(halves[1]!);
  if (!rest) return undefined;
  const missing = 8 - head.length - rest.length - tail.length;
  if (missing < 1) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail];
}

/** Parses an IPv4 or IPv6 address (IPv4-mapped IPv6 stays IPv6); undefined if it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const words = parseIpv6(text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text);
    return words ? { family: 6, words } : undefined;
  }
  const words = parseIpv4(text);
  return words ? { family: 4, words } : undefined;
}

/** Parses `a.b.c.d/n` or `x:y::/n` (a bare address is a /32 or /128). */
export function parseCidr(text: string): CidrNetwork | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const max = address.family === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const bits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bits)) return undefined;
    prefix = Number(bits);
    if (prefix > max) return undefined;
  }
  return { family: address.family, words: address.words, prefix, text };
}

/** Whether an address lies in a network (different families never match). */
export function cidrContains(network: CidrNetwork, address: IpAddress): boolean {
  if (network.family !== address.family) return false;
  let bits = network.prefix;
  for (let i = 0; bits > 0; i++) {
    const take = Math.min(bits, 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((network.words[i]! ^ address.words[i]!) & mask) !== 0) return false;
    bits -= take;
  }
  return true;
}
