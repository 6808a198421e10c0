// One representation of a published file as an HTTP answer: 304 when the client's copy is current.
import { etagOf, type Encoding, type Representation } from './published-file.js';

/** RFC 7231 date for Last-Modified. */
function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

/** The request headers an answer depends on. */
export interface Conditional {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  head?: boolean;
}

/** Whether the client's copy (by ETag, else by date) is current: any encoding of the same bytes counts. */
function notModified(rep: Representation, req: Conditional): boolean {
  if (rep.status !== 200) return false;
  if (req.ifNoneMatch !== undefined) {
    const tags = new Set((['identity', 'gzip', 'br'] as Encoding[]).map((e) => etagOf(rep, e)));
    return req.ifNoneMatch.trim() === '*' || req.ifNoneMatch.split(',').some((t) => tags.has(t.trim().replace(/^W\//, '')));
  }
  if (!req.ifModifiedSince) return false;
  const since = Date.parse(req.ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(rep.dataAt / 1000) * 1000 <= since;
}

export function respondWith(rep: Representation, req: Conditional): Response {
  const headers: Record<string, string> = { ...rep.headers, etag: etagOf(rep, rep.encoding), 'last-modified': httpDate(rep.dataAt), vary: 'Accept-Encoding' };
  if (notModified(rep, req)) {
    delete headers['content-type'];
    return new Response(null, { status: 304, headers });
  }
  if (rep.encoding !== 'identity') headers['content-encoding'] = rep.encoding;
  headers['content-length'] = String(rep.body.length);
  // Workers would compress the body again unless told it is encoded already (Node ignores the option).
  const init: ResponseInit & { encodeBody?: 'manual' } = { status: rep.status, headers, encodeBody: 'manual' };
  return new Response(req.head ? null : rep.body, init);
}
