import { z } from 'zod';

const HeaderValue = z.union([
  z.string().max(8192),
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name') }).strict(),
]);

const Assertion = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bodyContains'), value: z.string().min(1) }).strict(),
  z.object({ type: z.literal('bodyNotContains'), value: z.string().min(1) }).strict(),
  z
    .object({
      type: z.literal('jsonPathEquals'),
      path: z.string().regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, 'must look like $.a.b[0]'),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    })
    .strict(),
]);

export const MonitorConfig = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)'),
    name: z.string().min(1).max(120),
    component: z.string().min(1).max(120).describe('The public component this monitor reports into, e.g. "App (API)"'),
    group: z.string().min(1).max(120).optional().describe('Optional group of components, e.g. "X"'),
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
    headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name'), HeaderValue).default({}),
    body: z.string().max(65536).optional(),
    expectedStatus: z.array(z.int().min(100).max(599)).min(1).default([200, 201, 202, 203, 204, 301, 302, 303, 304, 307, 308]),
    timeoutMs: z.int().min(100).max(60000).default(10000),
    interval: z.int().min(10).max(86400).default(60).describe('Seconds between checks'),
    degradedAboveMs: z.int().min(1).max(60000).optional().describe('Latency above which the monitor is degraded'),
    assertions: z.array(Assertion).max(20).default([]),
    failuresBeforeDown: z.int().min(1).max(10).default(2),
    successesBeforeUp: z.int().min(1).max(10).default(2),
    retryDelay: z.int().min(0).max(60).default(5).describe('Seconds before a failed check is re-probed within the same tick'),
    followRedirects: z.boolean().default(false),
  })
  .strict();

export const PageConfig = z
  .object({
    title: z.string().min(1).max(120).default('Status'),
    description: z.string().max(500).default(''),
    logo: z.string().max(2048).optional(),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as "America/New_York"')
      .default('UTC'),
    url: z.url().optional(),
    links: z.array(z.object({ label: z.string().min(1).max(60), url: z.url() }).strict()).max(10).default([]),
    components: z.array(z.string().min(1)).optional().describe('Components to show, in order; all when absent'),
  })
  .strict();

export const LookoutConfig = z
  .object({
    $schema: z.string().optional(),
    page: PageConfig.default(PageConfig.parse({})),
    monitors: z.array(MonitorConfig).max(10000),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.monitors.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['monitors', i, 'id'], message: `duplicate monitor id "${m.id}"` });
      seen.add(m.id);
    });
  });

export type LookoutConfigInput = z.input<typeof LookoutConfig>;
export type LookoutConfig = z.output<typeof LookoutConfig>;
export type MonitorConfig = z.output<typeof MonitorConfig>;
export type PageConfig = z.output<typeof PageConfig>;
