// POST /reports: a visitor's problem report, from the page's plain form (303 back to the page) or from its script
// (JSON). Validated against the config and counted in memory: the route never waits on the database.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { ReportOutcome } from '../reports/aggregator.js';
import { ProblemError } from './problem.js';
import { noNul } from './validators.js';

export interface ReportIntake {
  /** Component id → its category ids: what a report may name. */
  components: ReadonlyMap<string, ReadonlySet<string>>;
  /** Count one report (in memory, or in the Durable Object); null when the address is not an IP address. */
  record: (address: string, componentId: string, category: string) => ReportOutcome | null | Promise<ReportOutcome | null>;
  /** The reporting client's address (the peer, or the configured trusted proxy header). */
  clientAddress: (c: Context) => string | undefined;
}

const ReportBody = z.object({
  component: noNul(z.string().min(1).max(120)),
  category: noNul(z.string().min(1).max(60)),
});

const NO_STORE = { 'cache-control': 'no-store' };

/** Whether the client asked for JSON (the page's script, an API client) rather than a page. */
const wantsJson = (c: Context) => (c.req.header('content-type') ?? '').includes('json') || (c.req.header('accept') ?? '').includes('application/json');

async function readBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    return c.req.json().catch(() => {
      throw new ProblemError(400, 'Invalid request', 'the body is not valid JSON');
    });
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => {
      throw new ProblemError(400, 'Invalid request', 'the form could not be read');
    });
    return form;
  }
  throw new ProblemError(415, 'Unsupported Media Type', 'send the report as a form (application/x-www-form-urlencoded) or as JSON');
}

export function createReportRoutes(intake: ReportIntake) {
  const app = new Hono();
  app.post(
    '/',
    bodyLimit({ maxSize: 2048, onError: () => { throw new ProblemError(413, 'Payload Too Large', 'a report is at most 2 KiB'); } }),
    async (c) => {
      const parsed = ReportBody.safeParse(await readBody(c));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
        throw new ProblemError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
      const { component, category } = parsed.data;
      const categories = intake.components.get(component);
      if (!categories) throw new ProblemError(422, 'Invalid report', `no component "${component}" takes reports`, [{ field: 'component', message: 'unknown component' }]);
      if (!categories.has(category)) {
        throw new ProblemError(422, 'Invalid report', `"${category}" is not a category of "${component}": one of ${[...categories].join(', ')}`, [{ field: 'category', message: 'unknown category' }]);
      }
      const address = intake.clientAddress(c);
      const outcome = address === undefined ? null : await intake.record(address, component, category);
      if (outcome === null) throw new ProblemError(400, 'Invalid request', 'the client address could not be read');
      // Counted, repeated or capped: the same answer, so a flooder cannot tell what counts.
      if (wantsJson(c)) return c.json({ received: true }, 202, NO_STORE);
      return c.redirect(`/#reported-${encodeURIComponent(component)}`, 303);
    },
  );
  return app;
}

/**
 * The client address: the configured trusted proxy header when present (its last entry: the one the proxy itself
 * added), else the peer address.
 */
export function clientAddressOf(trustProxyHeader: string | undefined, peer: (c: Context) => string | undefined): (c: Context) => string | undefined {
  return (c) => {
    const header = trustProxyHeader ? c.req.header(trustProxyHeader) : undefined;
    const last = header?.split(',').pop()?.trim();
    return last || peer(c);
  };
}
