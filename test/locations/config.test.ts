import { describe, expect, it } from 'vitest';
import { locationNames, monitorSpecsOf, resolveAgentTokens } from '../../src/config/locations.js';
import { parseConfig, toMonitorSpec } from '../../src/config/parse.js';

const api = { id: 'api', name: 'API', component: 'App (API)', url: 'https://example.com/health' };
const beat = { id: 'job', name: 'Job', component: 'Jobs', type: 'heartbeat', period: 60, token: { env: 'JOB_TOKEN' } };
const locations = [
  { id: 'us-east', name: 'US East', token: { env: 'TOKEN_USE' } },
  { id: 'us-west', name: 'US West', token: { env: 'TOKEN_USW' } },
  { id: 'eu-west', name: 'EU West', locationHint: 'weur' },
];

describe('locations in the config', () => {
  it('without locations the specs are exactly as before', () => {
    const cfg = parseConfig({ monitors: [api, beat] }, 'c');
    expect(monitorSpecsOf(cfg)).toEqual(cfg.monitors.map(toMonitorSpec));
    expect(monitorSpecsOf(cfg)[0]).not.toHaveProperty('locations');
  });

  it('a monitor is probed from every location by default, with a majority quorum; heartbeats from none', () => {
    const cfg = parseConfig({ locations, monitors: [api, { ...api, id: 'two', locations: ['us-east', 'eu-west'], quorum: 1 }, beat] }, 'c');
    const [a, b, h] = monitorSpecsOf(cfg);
    expect(a).toMatchObject({ locations: ['us-east', 'us-west', 'eu-west'], quorum: 2 });
    expect(b).toMatchObject({ locations: ['us-east', 'eu-west'], quorum: 1 });
    expect(h).not.toHaveProperty('locations');
    expect(locationNames(cfg).get('us-west')).toBe('US West');
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown location', { locations, monitors: [{ ...api, locations: ['mars'] }] }, /monitor "api" field "locations.0": unknown location "mars"/],
    ['a quorum above the locations', { locations, monitors: [{ ...api, locations: ['us-east'], quorum: 2 }] }, /monitor "api" field "quorum": is 2, but the monitor is probed from 1 location/],
    ['a quorum above every location', { locations, monitors: [{ ...api, quorum: 4 }] }, /field "quorum": is 4/],
    ['locations without the top-level list', { monitors: [{ ...api, locations: ['us-east'] }] }, /monitor "api" field "locations": needs a top-level "locations" list/],
    ['duplicate location ids', { locations: [locations[0], locations[0]], monitors: [api] }, /location "us-east" field "id": duplicate location id/],
    ['the reserved id', { locations: [{ id: 'quorum', name: 'Q' }], monitors: [api] }, /location "quorum" field "id": "quorum" is reserved/],
    ['an unknown location hint', { locations: [{ id: 'x', name: 'X', locationHint: 'moon' }], monitors: [api] }, /location "x" field "locationHint"/],
    ['a token that is not an env reference', { locations: [{ id: 'x', name: 'X', token: 'secret' }], monitors: [api] }, /location "x" field "token"/],
    ['locations on a heartbeat', { locations, monitors: [{ ...beat, locations: ['us-east'] }] }, /monitor "job"/],
  ])('refuses %s, naming the field', (_n, doc, message) => {
    expect(() => parseConfig(doc, 'c.json')).toThrow(message);
  });

  it('agent tokens come from the environment, each problem named', () => {
    const cfg = parseConfig({ locations, monitors: [api] }, 'c');
    expect(resolveAgentTokens(cfg, (n) => ({ TOKEN_USE: 'e'.repeat(16), TOKEN_USW: 'w'.repeat(20) })[n], 'c')).toEqual(new Map([['us-east', 'e'.repeat(16)], ['us-west', 'w'.repeat(20)]]));
    expect(() => resolveAgentTokens(cfg, (n) => ({ TOKEN_USE: 'short' })[n], 'c.json')).toThrow(/location "us-east" field "token": environment variable TOKEN_USE must be at least 16[\s\S]*location "us-west" field "token": environment variable TOKEN_USW is not set/);
  });
});
