// The Workers prober, inside workerd: real fetch against a real local server.
import { describe, expect, it, inject } from 'vitest';
import { createFetchProbe } from '../../src/probe/fetch-probe.js';
import { spec } from '../helpers/specs.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;

describe('fetch probe in workerd', () => {
  it('reads a 200 with its body and first-byte time', async () => {
    const r = await createFetchProbe()(spec({ url: `${target}/ok` }));
    expect(r).toMatchObject({ ok: true, statusCode: 200, errorClass: null, body: 'all good', bodyTruncated: false });
    expect(r.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.firstByteMs!);
  });

  it('reports a 500 as an answer (the verdict is decided later)', async () => {
    const r = await createFetchProbe()(spec({ url: `${target}/fail` }));
    expect(r).toMatchObject({ ok: true, statusCode: 500, errorClass: null, body: 'broken' });
  });

  it('gives up on a server that never answers, as a timeout', async () => {
    const r = await createFetchProbe()(spec({ url: `${target}/hang`, timeoutMs: 200 }));
    expect(r).toMatchObject({ ok: false, statusCode: null, errorClass: 'timeout' });
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(150);
  });

  it('reads no more than the body cap and says it cut the body', async () => {
    const r = await createFetchProbe({ maxBodyBytes: 1000 })(spec({ url: `${target}/big` }));
    expect(r).toMatchObject({ ok: true, statusCode: 200, bodyTruncated: true });
    expect(r.body).toBe('x'.repeat(1000));
  });
});

describe('fetch probe in workerd: requests', () => {
  it('takes a 3xx as the answer unless told to follow it', async () => {
    expect(await createFetchProbe()(spec({ url: `${target}/moved`, expectedStatus: [302] }))).toMatchObject({ ok: true, statusCode: 302 });
    expect(await createFetchProbe()(spec({ url: `${target}/moved`, followRedirects: true }))).toMatchObject({ ok: true, statusCode: 200, body: 'all good' });
  });

  it('sends header secrets resolved by name, and refuses to probe when one is missing', async () => {
    const monitor = spec({ url: `${target}/auth`, headers: { authorization: { env: 'PROBE_AUTH' } } });
    const vars: Record<string, string> = { PROBE_AUTH: 'Bearer probe-secret' };
    expect(await createFetchProbe({ env: (name) => vars[name] })(monitor)).toMatchObject({ statusCode: 200 });
    expect(await createFetchProbe()(monitor)).toMatchObject({ ok: false, statusCode: null, error: 'environment variable PROBE_AUTH is not set' });
  });

  it('describes a port nobody listens on as a failed connection, without throwing', async () => {
    const r = await createFetchProbe()(spec({ url: 'http://127.0.0.1:1/' }));
    expect(r).toMatchObject({ ok: false, statusCode: null, errorClass: 'network' });
    expect(r.error).toMatch(/refused or lost/);
  });
});
