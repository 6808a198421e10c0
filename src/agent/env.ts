import { z } from 'zod';

/** A probe agent's settings, from its environment; every problem is reported with the variable's name. */
const AgentEnv = z.object({
  LOOKOUT_CENTRAL_URL: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')).describe('The central Lookout, e.g. https://status.example.com'),
  LOOKOUT_LOCATION: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a location id of the central config'),
  LOOKOUT_AGENT_TOKEN: z.string().min(16, 'must be at least 16 characters'),
  LOOKOUT_AGENT_POLL_SECONDS: z.coerce.number().min(0.2).max(60).default(2),
  LOOKOUT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
});
export type AgentEnv = z.output<typeof AgentEnv>;

export function parseAgentEnv(env: Record<string, string | undefined>): AgentEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = AgentEnv.safeParse(cleaned);
  if (!parsed.success) throw new Error(`Invalid agent environment:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}
