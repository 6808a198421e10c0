// POST /reports: a visitor's problem report, from the page's plain form (303 back to the page) or from its script
// (JSON). Validated against the config and counted in memory: the route never waits on the database. One handler
// (acceptReport) answers both ways a report arrives: the Hono route, and on Node the node:http fast path
// (src/http/node-fast-path.ts) that reads the body itself, as a herd of reports is the one write visitors make.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ReportOutcome } from '../reports/aggregator.js';
import { noNul } from './validators.js';

export interface ReportIntake {
  /** Component id → its category ids: what a report may name. */
  components: ReadonlyMap<string, ReadonlySet<string>>;
  /** Count one report (in memory, or in the Durable Object); null when the address is not an IP address. */
  record: (address: string, componentId: string, category: string) => ReportOutcome | null | Promise<ReportOutcome | null>;
  /** The reporting client's address (the peer, or the configured trusted proxy header). */
  clientAddress: (c: Context) => string | undefined;
  /** The trusted proxy header, if configured (the fast path reads it too). */
  trustProxyHeader?: string;
}

/** A report as it arrived, whichever way. */
export interface ReportRequest {
  contentType: string;
  accept: string;
  body: string;
  address: string | undefined;
}

/** The answer, as plain data. */
export interface ReportAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Largest body taken (a report is two short fields). */
export const MAX_REPORT_BYTES = 2048;

const ReportBody = z.object({
  component: noNul(z.string().min(1).max(120)),
  category: noNul(z.string().min(1).max(60)),
});

const NO_STORE = { 'cache-control': 'no-store' };

export function problemAnswer(status: number, title: string, detail: string, errors?: Array<{ field: string; message: string }>): ReportAnswer {
  return {
    status,
    headers: { 'content-type': 'application/problem+json', 'x-content-type-options': 'nosniff', ...NO_STORE },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) }),
  };
}

/** The body's fields, or the problem with it. */
function parseBody(contentType: string, body: string): { fields: unknown } | { problem: ReportAnswer } {
  if (contentType.includes('application/json')) {
    try {
      return { fields: JSON.parse(body) };
    } catch {
      return { problem: problemAnswer(400, 'Invalid request', 'the body is not valid JSON') };
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded')) return { fields: Object.fromEntries(new URLSearchParams(body)) };
  return { problem: problemAnswer(415, 'Unsupported Media Type', 'send the report as a form (application/x-www-form-urlencoded) or as JSON') };
}

/** Validate and count one report. Counted, repeated or capped: the same answer, so a flooder cannot tell what counts. */
export async function acceptReport(intake: ReportIntake, req: ReportRequest): Promise<ReportAnswer> {
  const parsed = parseBody(req.contentType, req.body);
  if ('problem' in parsed) return parsed.problem;
  const fields = ReportBody.safeParse(parsed.fields);
  if (!fields.success) {
    const errors = fields.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    return problemAnswer(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  const { component, category } = fields.data;
  const categories = intake.components.get(component);
  if (!categories) return problemAnswer(422, 'Invalid report', `no component "${component}" takes reports`, [{ field: 'component', message: 'unknown component' }]);
  if (!categories.has(category)) {
    return problemAnswer(422, 'Invalid report', `"${category}" is not a category of "${component}": one of ${[...categories].join(', ')}`, [{ field: 'category', message: 'unknown category' }]);
  }
  const outcome = req.address === undefined ? null : await intake.record(req.address, component, category);
  if (outcome === null) return problemAnswer(400, 'Invalid request', 'the client address could not be read');
  const json = req.contentType.includes('json') || req.accept.includes('application/json');
  if (json) return { status: 202, headers: { 'content-type': 'application/json', ...NO_STORE }, body: '{"received":true}' };
  return { status: 303, headers: { location: `/#reported-${encodeURIComponent(component)}`, ...NO_STORE }, body: '' };
}

export function createReportRoutes(intake: ReportIntake) {
  const app = new Hono();
  app.post('/', async (c) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > MAX_REPORT_BYTES) return toResponse(problemAnswer(413, 'Payload Too Large', `a report is at most ${MAX_REPORT_BYTES} bytes`));
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > MAX_REPORT_BYTES) return toResponse(problemAnswer(413, 'Payload Too Large', `a report is at most ${MAX_REPORT_BYTES} bytes`));
    const answer = await acceptReport(intake, {
      contentType: c.req.header('content-type') ?? '', accept: c.req.header('accept') ?? '', body: new TextDecoder().decode(bytes), address: intake.clientAddress(c),
    });
    return toResponse(answer);
  });
  return app;
}

const toResponse = (a: ReportAnswer) => new Response(a.body || null, { status: a.status, headers: a.headers });

/** The address from the trusted proxy header's last entry (the one the proxy itself added), if the header is there. */
export function addressFromHeader(value: string | undefined): string | undefined {
  return value?.split(',').pop()?.trim() || undefined;
}

/** The client address: the configured trusted proxy header when present, else the peer address. */
export function clientAddressOf(trustProxyHeader: string | undefined, peer: (c: Context) => string | undefined): (c: Context) => string | undefined {
  return (c) => (trustProxyHeader ? addressFromHeader(c.req.header(trustProxyHeader)) : undefined) ?? peer(c);
}
