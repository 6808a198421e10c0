// The one rule for a monitor probed from several places: each monitor × location keeps its own confirmation state
// (core/confirm.ts); the monitor's verdict is a quorum over the locations that can vote.
import type { ConfirmedStatus, Verdict } from './statuses.js';
import type { ErrorClass } from './types.js';

/** A location's health as on-call sees it; only an online location votes. */
export const LOCATION_HEALTHS = ['online', 'offline', 'impaired'] as const;
export type LocationHealth = (typeof LOCATION_HEALTHS)[number];

/** A location's standing on one monitor: its confirmed status, or why it cannot vote. */
export const LOCATION_STANDINGS = ['up', 'degraded', 'down', 'unknown', 'offline', 'impaired'] as const satisfies ReadonlyArray<ConfirmedStatus | LocationHealth>;
export type LocationStanding = (typeof LOCATION_STANDINGS)[number];

/** The Workers regions a Durable Object can be created in (the hint applies at creation only). */
export const LOCATION_HINTS = ['wnam', 'enam', 'sam', 'weur', 'eeur', 'apac', 'oc', 'afr', 'me'] as const;

/** Where the quorum verdict of each interval is stored among the checks (one row per interval, beside the locations'). */
export const QUORUM_LOCATION = 'quorum';

/** A location has not reported for this many of the monitor's intervals: offline, it does not vote. */
const OFFLINE_AFTER_INTERVALS = 2;

/** The default quorum of n locations: a majority. */
export function majorityOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** Whether a location's last report for a monitor is too old for it to vote (never reported: offline). */
export function isReportStale(lastReportAt: Date | null, intervalSeconds: number, now: Date): boolean {
  return lastReportAt === null || now.getTime() - lastReportAt.getTime() > OFFLINE_AFTER_INTERVALS * intervalSeconds * 1000;
}

/** One location's standing on one monitor: its confirmed status and when it last reported. */
export interface LocationVote {
  location: string;
  /** The location's display name, for reasons ("down from US East"). */
  name: string;
  status: ConfirmedStatus;
  lastReportAt: Date | null;
  /** The location's own network is broken (see isNetworkImpaired): it reports, but does not vote. */
  impaired: boolean;
}

/** The monitor's verdict over its locations; `nodata` when fewer than `quorum` can vote (never down, never up). */
export interface QuorumVerdict {
  status: Verdict | 'nodata';
  /** Locations that voted (online, unimpaired, with a confirmed status), and those of them confirming down. */
  voting: string[];
  down: string[];
  offline: string[];
  impaired: string[];
  /** "down from 1 of 3 locations", or why there is no verdict; null when all is well. */
  reason: string | null;
}

/**
 * The quorum rule. Votes come from locations that reported within two intervals, are not impaired and have a
 * confirmed status. Then:
 *
 * | voters            | confirmed down     | verdict   | reason                               |
 * |-------------------|--------------------|-----------|--------------------------------------|
 * | fewer than quorum | —                  | nodata    | "only N of M locations can vote"     |
 * | ≥ quorum          | ≥ quorum           | down      | "down from US East and US West"      |
 * | ≥ quorum          | 1 … quorum − 1     | degraded  | "down from 1 of 3 locations"         |
 * | ≥ quorum          | none, ≥ quorum degraded | degraded | "degraded from N of M locations" |
 * | ≥ quorum          | none               | up        | —                                    |
 */
export function evaluateQuorum(votes: readonly LocationVote[], quorum: number, intervalSeconds: number, now: Date): QuorumVerdict {
  const offline = votes.filter((v) => isReportStale(v.lastReportAt, intervalSeconds, now));
  const impaired = votes.filter((v) => v.impaired && !offline.includes(v));
  const voters = votes.filter((v) => !offline.includes(v) && !impaired.includes(v) && v.status !== 'unknown');
  const down = voters.filter((v) => v.status === 'down');
  const base = { voting: voters.map((v) => v.location), down: down.map((v) => v.location), offline: offline.map((v) => v.location), impaired: impaired.map((v) => v.location) };
  if (voters.length < quorum) {
    return { ...base, status: 'nodata', reason: `only ${voters.length} of ${votes.length} location${votes.length === 1 ? '' : 's'} can vote (quorum ${quorum})` };
  }
  if (down.length >= quorum) return { ...base, status: 'down', reason: `down from ${listNames(down.map((v) => v.name))}` };
  if (down.length > 0) return { ...base, status: 'degraded', reason: `down from ${down.length} of ${voters.length} locations` };
  const degraded = voters.filter((v) => v.status === 'degraded').length;
  if (degraded >= quorum) return { ...base, status: 'degraded', reason: `degraded from ${degraded} of ${voters.length} locations` };
  return { ...base, status: 'up', reason: null };
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Error classes that say the prober could not reach the network at all (name resolution, connecting). */
const NETWORK_ERRORS: ReadonlySet<ErrorClass> = new Set<ErrorClass>(['dns', 'refused', 'reset', 'connect_timeout', 'network']);

/** Whether one probe failed for want of a network (DNS or connect), rather than because of what answered. */
function isNetworkFailure(errorClass: ErrorClass | null): boolean {
  return errorClass !== null && NETWORK_ERRORS.has(errorClass);
}

/**
 * A location's own network is broken when its control probe (the canary, or the central Lookout) fails with a
 * network error and so does every probe of the same round: then its failures say nothing about the services.
 * A round without probes is judged by the control probe alone.
 */
export function isNetworkImpaired(control: { errorClass: ErrorClass | null } | null, probes: ReadonlyArray<{ errorClass: ErrorClass | null }>): boolean {
  if (!control || !isNetworkFailure(control.errorClass)) return false;
  return probes.every((p) => isNetworkFailure(p.errorClass));
}

/**
 * A location's health from its latest reports: offline when none of its monitors has a fresh report, impaired when
 * its latest round said its network is broken, online otherwise.
 */
export function locationHealth(reports: ReadonlyArray<{ lastReportAt: Date | null; intervalSeconds: number }>, impaired: boolean, now: Date): LocationHealth {
  if (reports.length > 0 && reports.every((r) => isReportStale(r.lastReportAt, r.intervalSeconds, now))) return 'offline';
  return impaired ? 'impaired' : 'online';
}
