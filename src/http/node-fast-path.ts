// Node: a GET for an answer the site has ready (published, or made on demand for the current publication) is
// written straight from node:http, before the request becomes a Fetch Request for Hono. Same bytes and headers as
// the Hono route would send; anything else (conditional requests, HEAD, answers not made yet) goes the usual way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedEncodings } from '../site/published-file.js';
import type { StatusSite } from '../site/site.js';

export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export function publishedFastPath(site: StatusSite): FastPath {
  return (req, res) => {
    if (req.method !== 'GET' || !req.url || req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) return false;
    const rep = site.peek(req.url, acceptedEncodings(req.headers['accept-encoding']));
    if (!rep) return false;
    res.writeHead(rep.status, rep.headers);
    res.end(rep.body);
    return true;
  };
}
