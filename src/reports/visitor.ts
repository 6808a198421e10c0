// Who is reporting, without keeping who: a visitor is an HMAC of its address, and its network an HMAC of the
// address's prefix (IPv4 /24, IPv6 /48), both keyed by a secret that changes every UTC day. The addresses are never
// stored or logged; the digests live only in memory for the 15 minutes they count, and a day later the same address
// gives another digest, so even they cannot be linked across days.
import { createHmac, randomBytes } from 'node:crypto';

/**
 * The network an address belongs to, as text: "192.0.2" (IPv4 /24), "2001:db8:1" (IPv6 /48, first three groups);
 * IPv4-mapped IPv6 ("::ffff:192.0.2.7") counts as IPv4. Null when it is not an address.
 */
export function networkPrefix(address: string): string | null {
  const a = address.trim().toLowerCase();
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255) ? `${Number(v4[1])}.${Number(v4[2])}.${Number(v4[3])}` : null;
  const groups = expandIpv6(a.replace(/%.*$/, ''));
  return groups ? groups.slice(0, 3).map((g) => g.toString(16)).join(':') : null;
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function expandIpv6(a: string): number[] | null {
  if (!/^[0-9a-f:]+$/.test(a) || a.split('::').length > 2) return null;
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const left = part(head);
  const right = part(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

/** What the aggregator knows of a reporter: two digests, no address. */
export interface VisitorIdentity {
  visitor: string;
  network: string;
}

/** Digests keyed by a secret of the day, derived from a random secret the process (or Durable Object) keeps in memory. */
export class VisitorKeys {
  private day = '';
  private key: Buffer = Buffer.alloc(0);

  constructor(private readonly secret: Uint8Array = randomBytes(32)) {}

  /** The identity of `address` at `now`, or null when it is not an IP address. */
  identify(address: string, now: number): VisitorIdentity | null {
    const prefix = networkPrefix(address);
    if (prefix === null) return null;
    const key = this.keyOf(new Date(now).toISOString().slice(0, 10));
    const digest = (text: string) => createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);
    return { visitor: digest(`v:${address.trim().toLowerCase()}`), network: digest(`n:${prefix}`) };
  }

  private keyOf(day: string): Buffer {
    if (day !== this.day) {
      this.day = day;
      this.key = createHmac('sha256', this.secret).update(day).digest();
    }
    return this.key;
  }
}
