import { z } from 'zod';
import { cronExpressionProblem } from './core/cron.js';

/** Node's environment, parsed once at start; every problem is reported with the variable's name. */
const NodeEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  LOOKOUT_CONFIG: z.string().min(1).default('lookout.config.json'),
  LOOKOUT_DATA_DIR: z.string().min(1).default('./data'),
  LOOKOUT_CRON: z
    .string()
    .min(1)
    .default('*/10 * * * * *')
    .superRefine((expr, ctx) => {
      const problem = cronExpressionProblem(expr);
      if (problem) ctx.addIssue({ code: 'custom', message: `"${expr}" is not a cron expression: ${problem}` });
    }),
  LOOKOUT_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOOKOUT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  LOOKOUT_CONCURRENCY: z.coerce.number().int().min(1).max(5000).default(200),
  LOOKOUT_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  LOOKOUT_LOCATION: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)').default('local'),
});
export type NodeEnv = z.output<typeof NodeEnv>;

class EnvError extends Error {}

export function parseNodeEnv(env: Record<string, string | undefined>): NodeEnv {
  // An empty variable means "unset": `FOO= npm start` should not fail validation.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = NodeEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(`Invalid environment:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
