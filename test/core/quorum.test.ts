import { describe, expect, it } from 'vitest';
import { describeSignature, failureSignature, phaseOf } from '../../src/core/failure-signature.js';
import { evaluateQuorum, isNetworkImpaired, locationHealth, majorityOf, type LocationVote } from '../../src/core/quorum.js';
import type { ConfirmedStatus } from '../../src/core/statuses.js';

const NOW = new Date('2026-03-10T16:05:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const NAMES: Record<string, string> = { use: 'US East', usw: 'US West', euw: 'EU West' };
const vote = (location: string, status: ConfirmedStatus, lastS = 5, impaired = false): LocationVote => ({ location, name: NAMES[location] ?? location, status, lastReportAt: lastS < 0 ? null : ago(lastS), impaired });

describe('evaluateQuorum (interval 60 s)', () => {
  it.each<[string, LocationVote[], number, string, string | null]>([
    ['all up', [vote('use', 'up'), vote('usw', 'up'), vote('euw', 'up')], 2, 'up', null],
    ['one down of three: degraded with the reason', [vote('use', 'down'), vote('usw', 'up'), vote('euw', 'up')], 2, 'degraded', 'down from 1 of 3 locations'],
    ['two down of three: down, naming them', [vote('use', 'down'), vote('usw', 'down'), vote('euw', 'up')], 2, 'down', 'down from US East and US West'],
    ['quorum 3: two down is only degraded', [vote('use', 'down'), vote('usw', 'down'), vote('euw', 'up')], 3, 'degraded', 'down from 2 of 3 locations'],
    ['an offline location does not vote', [vote('use', 'down', 121), vote('usw', 'up'), vote('euw', 'up')], 2, 'up', null],
    ['one that never reported is offline', [vote('use', 'down', -1), vote('usw', 'down'), vote('euw', 'up')], 2, 'degraded', 'down from 1 of 2 locations'],
    ['fewer than quorum online: no data, never down', [vote('use', 'down'), vote('usw', 'down', 500), vote('euw', 'down', 500)], 2, 'nodata', 'only 1 of 3 locations can vote (quorum 2)'],
    ['an impaired location does not vote', [vote('use', 'down', 5, true), vote('usw', 'down', 5, true), vote('euw', 'up')], 2, 'nodata', 'only 1 of 3 locations can vote (quorum 2)'],
    ['unknown (not yet confirmed) does not vote', [vote('use', 'unknown'), vote('usw', 'up'), vote('euw', 'up')], 2, 'up', null],
    ['degraded from a quorum', [vote('use', 'degraded'), vote('usw', 'degraded'), vote('euw', 'up')], 2, 'degraded', 'degraded from 2 of 3 locations'],
    ['one degraded is not enough', [vote('use', 'degraded'), vote('usw', 'up'), vote('euw', 'up')], 2, 'up', null],
  ])('%s', (_n, votes, quorum, status, reason) => {
    const v = evaluateQuorum(votes, quorum, 60, NOW);
    expect(v.status).toBe(status);
    expect(v.reason).toBe(reason);
  });

  it('lists who voted, who is down, offline and impaired', () => {
    const v = evaluateQuorum([vote('use', 'down'), vote('usw', 'up', 200), vote('euw', 'up', 5, true)], 1, 60, NOW);
    expect(v).toMatchObject({ status: 'down', voting: ['use'], down: ['use'], offline: ['usw'], impaired: ['euw'] });
  });

  it('a report exactly two intervals old still counts; one later does not', () => {
    expect(evaluateQuorum([vote('use', 'down', 120)], 1, 60, NOW).status).toBe('down');
    expect(evaluateQuorum([vote('use', 'down', 121)], 1, 60, NOW).status).toBe('nodata');
  });

  it('the majority of n', () => {
    expect([1, 2, 3, 4, 5].map(majorityOf)).toEqual([1, 2, 2, 3, 3]);
  });
});

describe('location impairment and health', () => {
  it.each<[string, Parameters<typeof isNetworkImpaired>[0], Parameters<typeof isNetworkImpaired>[1], boolean]>([
    ['canary and every probe fail to connect', { errorClass: 'dns' }, [{ errorClass: 'refused' }, { errorClass: 'connect_timeout' }], true],
    ['canary fails, one probe answered', { errorClass: 'dns' }, [{ errorClass: 'refused' }, { errorClass: null }], false],
    ['canary fails, a probe got an HTTP error (the network works)', { errorClass: 'reset' }, [{ errorClass: 'http_status' }], false],
    ['canary answers: the failures are the services\'', { errorClass: null }, [{ errorClass: 'refused' }], false],
    ['no control probe', null, [{ errorClass: 'refused' }], false],
    ['a round without probes: the canary alone', { errorClass: 'connect_timeout' }, [], true],
  ])('%s', (_n, control, probes, impaired) => {
    expect(isNetworkImpaired(control, probes)).toBe(impaired);
  });

  it('offline when every monitor\'s report is stale; impaired as reported otherwise', () => {
    expect(locationHealth([{ lastReportAt: ago(130), intervalSeconds: 60 }, { lastReportAt: ago(30), intervalSeconds: 10 }], false, NOW)).toBe('offline');
    expect(locationHealth([{ lastReportAt: ago(130), intervalSeconds: 60 }, { lastReportAt: ago(30), intervalSeconds: 60 }], true, NOW)).toBe('impaired');
    expect(locationHealth([{ lastReportAt: null, intervalSeconds: 60 }], false, NOW)).toBe('offline');
    expect(locationHealth([], false, NOW)).toBe('online');
  });
});

describe('failure signature', () => {
  it('names the failing locations, phases, errors, codes and the first failure', () => {
    const s = failureSignature([
      { location: 'use', name: 'US East', status: 'down', errorClass: 'connect_timeout', statusCode: null, firstFailureAt: new Date('2026-03-10T16:00:20Z') },
      { location: 'usw', name: 'US West', status: 'down', errorClass: 'connect_timeout', statusCode: null, firstFailureAt: new Date('2026-03-10T16:00:05Z') },
      { location: 'euw', name: 'EU West', status: 'up', errorClass: null, statusCode: 200, firstFailureAt: null },
    ]);
    expect(s).toMatchObject({ phases: ['connect'], errorClasses: ['connect_timeout'], statusCodes: [], since: '2026-03-10T16:00:05.000Z', passing: [{ location: 'euw' }] });
    expect(s.failing.map((f) => f.location)).toEqual(['use', 'usw']);
    expect(describeSignature(s)).toBe('down from US East and US West, up from EU West: connect timeouts since 16:00 UTC');
  });

  it('HTTP errors name their status codes; phases come in request order', () => {
    const s = failureSignature([
      { location: 'a', name: 'A', status: 'down', errorClass: 'http_status', statusCode: 503, firstFailureAt: null },
      { location: 'b', name: 'B', status: 'down', errorClass: 'dns', statusCode: null, firstFailureAt: null },
    ]);
    expect(s.phases).toEqual(['dns', 'http_status']);
    expect(describeSignature(s)).toBe('down from A and B: HTTP 503 and DNS failures');
    expect(phaseOf('timeout')).toBe('first_byte');
  });
});
