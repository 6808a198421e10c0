// Endpoint URLs named by an environment variable: stored as env:NAME, resolved at delivery, shown as the name.
import { describe, expect, it } from 'vitest';
import { endpointUrlEnv, resolveEndpointUrl, storedEndpointUrl } from '../../src/alerts/endpoint-url.js';
import { parseConfig } from '../../src/config/parse.js';
import { AlertEndpointConfig } from '../../src/config/schema.js';
import { maskUrl } from '../../src/http/admin/mask.js';

describe('endpoint URLs from the environment', () => {
  it('stores a literal URL as is and a reference as env:NAME', () => {
    expect(storedEndpointUrl('https://hooks.example.com/a')).toBe('https://hooks.example.com/a');
    expect(storedEndpointUrl({ env: 'SLACK_URL' })).toBe('env:SLACK_URL');
    expect(endpointUrlEnv('env:SLACK_URL')).toBe('SLACK_URL');
    expect(endpointUrlEnv('https://hooks.example.com/a')).toBeNull();
  });

  it('resolves at delivery, or says which variable is missing or wrong', () => {
    const env = (n: string) => ({ OK: ' https://hooks.slack.com/services/T/B/x ', FTP: 'ftp://x/y', JUNK: 'not a url' })[n];
    expect(resolveEndpointUrl('https://a.example/x', env)).toEqual({ url: 'https://a.example/x' });
    expect(resolveEndpointUrl('env:OK', env)).toEqual({ url: 'https://hooks.slack.com/services/T/B/x' });
    expect(resolveEndpointUrl('env:NOPE', env)).toEqual({ error: 'config: URL environment variable NOPE is not set' });
    expect(resolveEndpointUrl('env:FTP', env)).toEqual({ error: 'config: URL environment variable FTP does not hold an http(s) URL' });
    expect(resolveEndpointUrl('env:JUNK', env)).toEqual({ error: 'config: URL environment variable JUNK does not hold an http(s) URL' });
  });

  it('the config accepts {"env": NAME} for a URL and rejects anything else that is not an http(s) URL', () => {
    expect(AlertEndpointConfig.parse({ id: 's', kind: 'slack', url: { env: 'SLACK_URL' } }).url).toEqual({ env: 'SLACK_URL' });
    expect(AlertEndpointConfig.safeParse({ id: 's', kind: 'slack', url: { env: 'not a name' } }).success).toBe(false);
    expect(AlertEndpointConfig.safeParse({ id: 's', kind: 'slack', url: 'ftp://example.com/x' }).success).toBe(false);
    expect(AlertEndpointConfig.safeParse({ id: 's', kind: 'slack', url: { env: 'A', extra: 1 } }).success).toBe(false);
    expect(() => parseConfig({ alerts: { endpoints: [{ id: 's', kind: 'slack', url: 42 }] }, monitors: [] }, 'lookout.config.json'))
      .toThrow('alerts.endpoints.0.url: must be an http(s) URL or {"env": "NAME"}');
  });

  it('the admin API shows the variable name, never a resolved URL', () => {
    expect(maskUrl('slack', 'env:SLACK_URL')).toBe('env:SLACK_URL');
    expect(maskUrl('slack', 'https://hooks.slack.com/services/T000/B000/secrettoken')).toBe('https://hooks.slack.com/…oken');
  });
});
