// The network a client address stands for when counting attempts. One IPv6 connection
// usually owns a whole /64 (2^64 addresses), so counting per IPv6 address would let one
// machine try passwords without end; an IPv6 client is counted by its /64, an IPv4 one
// (and an IPv4-mapped IPv6 address) by its address.
import net from 'node:net';

/** The eight 16-bit groups of an IPv6 address, '::' expanded; null if it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (net.isIPv6(address) === false) return null;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return null;
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
}

export function throttleNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const groups = ipv6Groups(address.split('%')[0]!);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
