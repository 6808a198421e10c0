import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeProbe } from '../../src/core/verdict.js';
import { createUndiciProbe } from '../../src/probe/undici-probe.js';
import { closedPort, startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';

let target: LocalServer;
const probe = createUndiciProbe({ maxBodyBytes: 1024, env: (n) => (n === 'PROBE_TOKEN' ? 'sekret' : undefined) });

beforeAll(async () => {
  target = await startServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok') return res.end('{"status":"ok","db":{"up":true}}');
    if (path === '/slow') return void setTimeout(() => res.end('late'), 150);
    if (path === '/hang') return; // never answers
    if (path === '/500') return res.writeHead(500).end('boom');
    if (path === '/big') return res.end('x'.repeat(1024 * 1024));
    if (path === '/endless') {
      res.writeHead(200);
      const drip = () => (res.destroyed ? undefined : res.write('y'.repeat(16 * 1024), () => setImmediate(drip)));
      return drip();
    }
    if (path === '/drip') {
      res.writeHead(200);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('.')), 50);
      return;
    }
    if (path === '/redirect') return res.writeHead(302, { location: '/ok' }).end();
    if (path === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (path === '/auth') return res.writeHead(req.headers.authorization === 'Bearer sekret' ? 200 : 401).end();
    res.writeHead(404).end();
  });
});
afterAll(() => target.close());

describe('undici probe against real local servers', () => {
  it('is up with phase timings', async () => {
    const r = await probe(spec({ url: `${target.url}/ok` }));
    expect(r).toMatchObject({ ok: true, statusCode: 200, errorClass: null });
    expect(r.timings.connectMs).not.toBeNull();
    expect(r.timings.firstByteMs).not.toBeNull();
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.firstByteMs!);
    expect(r.timings.dnsMs).toBeNull(); // an IP literal needs no lookup
  });
  it('marks a slow answer degraded', async () => {
    const s = spec({ url: `${target.url}/slow`, degradedAboveMs: 100 });
    const j = judgeProbe(await probe(s), s);
    expect(j.verdict).toBe('degraded');
  });
  it('reports a 500 as http_status', async () => {
    const s = spec({ url: `${target.url}/500` });
    const r = await probe(s);
    expect(r.statusCode).toBe(500);
    expect(judgeProbe(r, s)).toMatchObject({ verdict: 'down', errorClass: 'http_status' });
  });
  it('reports a refused port', async () => {
    const r = await probe(spec({ url: `http://127.0.0.1:${await closedPort()}/` }));
    expect(r).toMatchObject({ ok: false, errorClass: 'refused' });
  });
  it('times out a server that never answers', async () => {
    const started = Date.now();
    const r = await probe(spec({ url: `${target.url}/hang`, timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it('times out a body that trickles in slower than the timeout allows', async () => {
    const started = Date.now();
    const r = await probe(spec({ url: `${target.url}/drip`, timeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
  it('reports an unknown host as a DNS failure', async () => {
    const r = await probe(spec({ url: 'http://lookout-test.invalid/' }));
    expect(r.errorClass).toBe('dns');
    expect(r.error).toMatch(/DNS lookup failed/);
  });
  it('checks keyword and JSON assertions on the body', async () => {
    const s = spec({
      url: `${target.url}/ok`,
      assertions: [
        { type: 'bodyContains', value: '"status":"ok"' },
        { type: 'jsonPathEquals', path: '$.db.up', value: true },
      ],
    });
    expect(judgeProbe(await probe(s), s).verdict).toBe('up');
    const bad = spec({ url: `${target.url}/ok`, assertions: [{ type: 'jsonPathEquals', path: '$.db.up', value: false }] });
    expect(judgeProbe(await probe(bad), bad)).toMatchObject({ verdict: 'down', errorClass: 'assertion' });
  });
  it('reads a huge body only up to the cap', async () => {
    const r = await probe(spec({ url: `${target.url}/big` }));
    expect(r).toMatchObject({ ok: true, bodyTruncated: true });
    expect(r.body).toHaveLength(1024);
  });
  it('stops reading an endless body', async () => {
    const r = await probe(spec({ url: `${target.url}/endless`, timeoutMs: 5000 }));
    expect(r).toMatchObject({ ok: true, statusCode: 200, bodyTruncated: true });
  });
  it('reports a redirect as such, or follows it when asked', async () => {
    expect((await probe(spec({ url: `${target.url}/redirect`, expectedStatus: [200] }))).statusCode).toBe(302);
    const followed = await probe(spec({ url: `${target.url}/redirect`, followRedirects: true }));
    expect(followed).toMatchObject({ statusCode: 200 });
    expect(followed.body).toContain('"status":"ok"');
    expect(await probe(spec({ url: `${target.url}/loop`, followRedirects: true }))).toMatchObject({ ok: false, errorClass: 'redirect' });
  });
  it('resolves secret headers from the environment, and refuses to send a missing one', async () => {
    expect((await probe(spec({ url: `${target.url}/auth`, headers: { Authorization: 'Bearer wrong' } }))).statusCode).toBe(401);
    // The literal header is sent as is; the env reference is resolved by the prober only.
    const withEnv = spec({ url: `${target.url}/auth`, headers: { Authorization: { env: 'PROBE_TOKEN' } } });
    expect(withEnv.headers).toEqual({ Authorization: { env: 'PROBE_TOKEN' } });
    expect((await createUndiciProbe({ env: () => 'x' })(withEnv)).statusCode).toBe(401);
    const missing = await createUndiciProbe({ env: () => undefined })(withEnv);
    expect(missing).toMatchObject({ ok: false, error: 'environment variable PROBE_TOKEN is not set' });
  });
});
