import type { ErrorClass, ProbeResult } from '../core/types.js';

/** Starts timing a DNS probe; the function it returns makes the result (every timing is the lookup's). */
export function startDnsProbe(): (errorClass: ErrorClass | null, error: string | null, answers?: string[]) => ProbeResult {
  const at = new Date();
  const start = performance.now();
  return (errorClass, error, answers) => {
    const totalMs = Math.round((performance.now() - start) * 100) / 100;
    return {
      at, ok: errorClass === null, statusCode: null, errorClass, error, body: null, bodyTruncated: false, certExpiresAt: null,
      timings: { dnsMs: totalMs, connectMs: null, tlsMs: null, firstByteMs: null, totalMs }, ...(answers ? { answers } : {}),
    };
  };
}
