// The Node DNS prober against a local DNS server the test starts (UDP), and over DNS-over-HTTPS to a local endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeProbe } from '../../src/core/verdict.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { handleDoh, startDnsServer } from '../helpers/dns-server.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { dnsSpec } from '../helpers/specs.js';

let server: Awaited<ReturnType<typeof startDnsServer>>;
let doh: LocalServer;
const probe = createNodeProbe();

beforeAll(async () => {
  server = await startDnsServer();
  doh = await startServer((req, res) => {
    if (!handleDoh(req, res)) res.writeHead(404).end();
  });
});
afterAll(async () => {
  await server.close();
  await doh.close();
});

type Dns = Parameters<typeof dnsSpec>[0]['dns'];
const judge = async (dns: Omit<Dns, 'resolver'>, resolver = server.address, timeoutMs = 2000) => {
  const s = dnsSpec({ dns: { ...dns, resolver }, timeoutMs });
  const r = await probe(s);
  return { r, j: judgeProbe(r, s) };
};

describe('dns probe on Node (UDP to the configured server)', () => {
  it('is up for the right answer (contains / equals, names without case or trailing dot)', async () => {
    expect((await judge({ name: 'app.test', recordType: 'A', expect: { contains: '192.0.2.11' } })).j.verdict).toBe('up');
    expect((await judge({ name: 'app.test', recordType: 'A', expect: { equals: ['192.0.2.11', '192.0.2.10'] } })).j.verdict).toBe('up');
    expect((await judge({ name: 'app.test', recordType: 'AAAA', expect: { contains: '2001:db8::10' } })).j.verdict).toBe('up');
    expect((await judge({ name: 'www.app.test', recordType: 'CNAME', expect: { equals: ['APP.test.'] } })).j.verdict).toBe('up');
    expect((await judge({ name: 'mail.test', recordType: 'MX', expect: { contains: '10 mx1.mail.test' } })).j.verdict).toBe('up');
    expect((await judge({ name: 'mail.test', recordType: 'TXT', expect: { equals: ['v=spf1 -all'] } })).j.verdict).toBe('up');
    expect((await judge({ name: 'mail.test', recordType: 'NS', expect: { contains: 'ns1.mail.test' } })).j.verdict).toBe('up');
  });

  it('is down (assertion) for a wrong answer, saying what was answered', async () => {
    const { j } = await judge({ name: 'app.test', recordType: 'A', expect: { equals: ['192.0.2.10'] } });
    expect(j).toEqual({ verdict: 'down', errorClass: 'assertion', reason: 'A answers are not ["192.0.2.10"] (got 192.0.2.10, 192.0.2.11)' });
    const none = await judge({ name: 'www.app.test', recordType: 'A', expect: { contains: '192.0.2.10' } });
    expect(none.j).toMatchObject({ verdict: 'down', errorClass: 'assertion' });
  });

  it('reports NXDOMAIN, SERVFAIL and a timeout as their own error classes', async () => {
    expect((await judge({ name: 'nope.test', recordType: 'A', expect: { contains: 'x' } })).j).toMatchObject({ verdict: 'down', errorClass: 'nxdomain' });
    expect((await judge({ name: 'servfail.test', recordType: 'A', expect: { contains: 'x' } })).j).toMatchObject({ verdict: 'down', errorClass: 'servfail' });
    const slow = await judge({ name: 'slow.test', recordType: 'A', expect: { contains: 'x' } }, server.address, 300);
    expect(slow.j).toMatchObject({ verdict: 'down', errorClass: 'timeout' });
    expect(slow.r.timings.totalMs).toBeLessThan(2000);
  });
});

describe('dns probe on Node over DNS-over-HTTPS', () => {
  it('asks a resolver given as a URL, with the same answers and error classes', async () => {
    const url = `${doh.url}/dns-query`;
    expect((await judge({ name: 'app.test', recordType: 'A', expect: { contains: '192.0.2.10' } }, url)).j.verdict).toBe('up');
    expect((await judge({ name: 'mail.test', recordType: 'MX', expect: { equals: ['20 mx2.mail.test', '10 mx1.mail.test'] } }, url)).j.verdict).toBe('up');
    expect((await judge({ name: 'mail.test', recordType: 'TXT', expect: { equals: ['v=spf1 -all'] } }, url)).j.verdict).toBe('up');
    expect((await judge({ name: 'nope.test', recordType: 'A', expect: { contains: 'x' } }, url)).j.errorClass).toBe('nxdomain');
    expect((await judge({ name: 'servfail.test', recordType: 'A', expect: { contains: 'x' } }, url)).j.errorClass).toBe('servfail');
    expect((await judge({ name: 'slow.test', recordType: 'A', expect: { contains: 'x' } }, url, 300)).j.errorClass).toBe('timeout');
  });
});
