// Node: POST /reports answered straight from node:http (the body read here, not through a Fetch Request and Hono),
// by the same acceptReport as the Hono route, so both answer alike. A herd of reports is the one write visitors
// make in bulk; this keeps the route near a bare node:http server (bench/reports.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastPath } from './node-fast-path.js';
import { acceptReport, addressFromHeader, MAX_REPORT_BYTES, problemAnswer, type ReportAnswer, type ReportIntake } from './reports-route.js';

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
};

function send(res: ServerResponse, a: ReportAnswer): void {
  res.writeHead(a.status, a.headers);
  res.end(a.body);
}

export function reportsFastPath(intake: ReportIntake): FastPath {
  return (req, res) => {
    if (req.method !== 'POST' || (req.url !== '/reports' && req.url !== '/reports/')) return false;
    if (Number(req.headers['content-length'] ?? 0) > MAX_REPORT_BYTES) {
      send(res, problemAnswer(413, 'Payload Too Large', `a report is at most ${MAX_REPORT_BYTES} bytes`));
      req.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPORT_BYTES && !refused) {
        refused = true;
        send(res, problemAnswer(413, 'Payload Too Large', `a report is at most ${MAX_REPORT_BYTES} bytes`));
      }
      if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const address = (intake.trustProxyHeader ? addressFromHeader(header(req, intake.trustProxyHeader)) : undefined) ?? req.socket.remoteAddress;
      acceptReport(intake, { contentType: header(req, 'content-type') ?? '', accept: header(req, 'accept') ?? '', body: Buffer.concat(chunks).toString('utf8'), address }).then(
        (a) => send(res, a),
        () => send(res, problemAnswer(500, 'Internal Server Error', 'something went wrong on our side')),
      );
    });
    req.on('error', () => res.destroy());
    return true;
  };
}

/** The first fast path that answers. */
export function fastPaths(...paths: FastPath[]): FastPath {
  return (req, res) => paths.some((p) => p(req, res));
}
