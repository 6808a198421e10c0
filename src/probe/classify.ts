import type { ErrorClass } from '../core/types.js';

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Map a Node/undici error to a stable error class and a short reason a person can read. */
export function classifyNodeError(err: unknown, timedOut: boolean): { errorClass: ErrorClass; error: string } {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code ?? '';
  const message = e?.message ?? String(err);
  if (timedOut || e?.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_ABORTED') {
    return { errorClass: 'timeout', error: 'no complete response before the timeout' };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    return { errorClass: 'dns', error: `DNS lookup failed (${code})` };
  }
  if (code === 'ECONNREFUSED') return { errorClass: 'refused', error: 'connection refused' };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return { errorClass: 'reset', error: 'connection reset by the server' };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return { errorClass: 'connect_timeout', error: 'connection timed out' };
  if (TLS_CODE.test(code)) return { errorClass: 'tls', error: `TLS error: ${code}` };
  if (e?.name === 'HTTPParserError' || code.startsWith('HPE_') || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { errorClass: 'invalid_response', error: `invalid HTTP response (${code})` };
  }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return { errorClass: 'network', error: `network unreachable (${code})` };
  return { errorClass: 'network', error: truncate(code ? `${code}: ${message}` : message) };
}

export function truncate(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
