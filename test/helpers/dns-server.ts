// A small authoritative DNS server for tests, over UDP (dgram) and over HTTPS-style GET (RFC 8484 wire format), both
// answering from one zone. Messages are encoded and decoded with dns-packet, as the prober does.
import { Buffer } from 'node:buffer';
import { createSocket } from 'node:dgram';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decode, encode, RECURSION_AVAILABLE, type Answer, type Packet } from 'dns-packet';

type Zone = Record<string, Partial<Record<'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS', unknown[]>>>;

/** The test zone: names under "servfail." fail, under "slow." never answer, and any other name does not exist. */
const TEST_ZONE: Zone = {
  'app.test': { A: ['192.0.2.10', '192.0.2.11'], AAAA: ['2001:db8::10'] },
  'www.app.test': { CNAME: ['app.test'] },
  'mail.test': { MX: [{ preference: 10, exchange: 'mx1.mail.test' }, { preference: 20, exchange: 'mx2.mail.test' }], TXT: [['v=spf1 ', '-all']], NS: ['ns1.mail.test'] },
};

const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

/** The answer to one query message, or null for one that must never be answered (a timeout). */
function answerQuery(query: Buffer, zone: Zone = TEST_ZONE): Buffer | null {
  const q = decode(query);
  const question = q.questions?.[0];
  const name = (question?.name ?? '').toLowerCase().replace(/\.$/, '');
  if (name.startsWith('slow.')) return null;
  const reply = (rcode: number, answers: Answer[] = []) =>
    encode({ type: 'response', id: q.id, flags: RECURSION_AVAILABLE | rcode, questions: q.questions, answers } as Packet);
  if (name.startsWith('servfail.')) return reply(RCODE.SERVFAIL);
  const records = zone[name];
  if (!records || !question) return reply(RCODE.NXDOMAIN);
  const type = question.type as keyof (typeof records);
  const data = records[type] ?? [];
  return reply(RCODE.NOERROR, data.map((d) => ({ type, name: question.name, ttl: 60, class: 'IN', data: d }) as Answer));
}

/** Starts the UDP server on 127.0.0.1 with a random port. */
export async function startDnsServer(zone: Zone = TEST_ZONE): Promise<{ address: string; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const answer = answerQuery(msg, zone);
    if (answer) socket.send(answer, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { address: `127.0.0.1:${socket.address().port}`, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

/** An HTTP handler for DNS over HTTPS GET `?dns=` requests; returns false for a request that is not one. */
export function handleDoh(req: IncomingMessage, res: ServerResponse, zone: Zone = TEST_ZONE): boolean {
  const url = new URL(req.url ?? '/', 'http://x');
  const dns = url.searchParams.get('dns');
  if (url.pathname !== '/dns-query' || !dns) return false;
  const answer = answerQuery(Buffer.from(dns, 'base64url'), zone);
  if (answer) res.writeHead(200, { 'content-type': 'application/dns-message' }).end(answer);
  return true; // slow.: left hanging, like a resolver that never answers
}
