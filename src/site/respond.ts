// One representation of a published answer as an HTTP answer: 304 when the client's copy is current.
import type { Representation } from './published-file.js';

/** The request headers an answer depends on. */
export interface Conditional {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  head?: boolean;
}

/** Whether the client's copy (by ETag, else by date) is current: any encoding of the same bytes counts. */
function notModified(rep: Representation, req: Conditional): boolean {
  if (rep.status !== 200) return false;
  if (req.ifNoneMatch !== undefined) return req.ifNoneMatch.trim() === '*' || req.ifNoneMatch.split(',').some((t) => rep.etags.includes(t.trim().replace(/^W\//, '')));
  if (!req.ifModifiedSince) return false;
  const since = Date.parse(req.ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(rep.dataAt / 1000) * 1000 <= since;
}

export function respondWith(rep: Representation, req: Conditional): Response {
  if ((req.ifNoneMatch !== undefined || req.ifModifiedSince !== undefined) && notModified(rep, req)) return new Response(null, { status: 304, headers: rep.notModifiedHeaders });
  // Workers would compress the body again unless told it is encoded already (Node ignores the option).
  const init: ResponseInit & { encodeBody?: 'manual' } = { status: rep.status, headers: rep.headers, encodeBody: 'manual' };
  return new Response(req.head ? null : rep.body, init);
}
