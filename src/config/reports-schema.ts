// The `reports` section of the config: visitor problem reports on the status page (README, "Problem reports").
import { z } from 'zod';
import { componentId } from '../core/ids.js';
import { categoryId } from '../core/reports.js';

const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name');

const Categories = z
  .array(z.string().min(1).max(40))
  .min(1)
  .max(8)
  .superRefine((labels, ctx) => {
    const seen = new Set<string>();
    labels.forEach((label, i) => {
      const id = categoryId(label);
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `"${label}" is the same category as an earlier one` });
      seen.add(id);
    });
  });

export const ReportsConfig = z
  .object({
    enabled: z.boolean().default(true).describe('Visitors may report problems from the status page'),
    categories: z
      .record(z.string().min(1).max(120), Categories)
      .default({})
      .describe('Categories offered per component (by name), e.g. {"Website": ["Won\'t load", "Other"]}; the defaults for the others'),
    trustProxyHeader: HeaderName.optional().describe(
      'A header set by a proxy you run in front of Lookout that carries the client address (e.g. "CF-Connecting-IP"); the peer address otherwise',
    ),
    minReporters: z.int().min(1).max(1_000_000).default(10).describe('Distinct networks reporting one component in 15 minutes below which nothing is a spike'),
    flushSeconds: z.int().min(1).max(300).default(10).describe('Seconds between the writes of the aggregated counts (one statement each)'),
  })
  .strict();

export type ReportsConfig = z.output<typeof ReportsConfig>;

/** Each `categories` key must name a component of the config's monitors. */
export function checkReportComponents(reports: ReportsConfig, components: readonly string[], ctx: z.RefinementCtx): void {
  const known = new Set(components.flatMap((name) => [name, componentId(name)]));
  for (const key of Object.keys(reports.categories)) {
    if (!known.has(key)) ctx.addIssue({ code: 'custom', path: ['reports', 'categories', key], message: `no monitor reports into a component "${key}"` });
  }
}
