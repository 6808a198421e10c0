// Endpoint URLs from the config file may name an environment variable instead of holding the URL: Slack, Discord
// and Teams webhook URLs carry their token in the path, and secrets do not belong in a committed file. The
// database keeps such a URL as `env:NAME` (never a valid http(s) URL, so the two cannot be confused) and the
// delivery step reads the variable at each attempt, like `{ "env": NAME }` secrets.

const ENV_PREFIX = 'env:';

/** What the endpoint table stores for a config URL: the URL itself, or `env:NAME`. */
export const storedEndpointUrl = (url: string | { env: string }): string => (typeof url === 'string' ? url : `${ENV_PREFIX}${url.env}`);

/** The environment variable a stored URL names, or null for a literal URL. */
export const endpointUrlEnv = (stored: string): string | null => (stored.startsWith(ENV_PREFIX) ? stored.slice(ENV_PREFIX.length) : null);

/** The URL to send to, or a config error that names the variable. */
export function resolveEndpointUrl(stored: string, env: (name: string) => string | undefined): { url: string } | { error: string } {
  const name = endpointUrlEnv(stored);
  if (name === null) return { url: stored };
  const value = env(name)?.trim();
  if (!value) return { error: `config: URL environment variable ${name} is not set` };
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return { url: value };
  } catch {
    // fall through to the same message
  }
  return { error: `config: URL environment variable ${name} does not hold an http(s) URL` };
}
