// The probe consumer's work for one queue message: the tick's own steps on the monitors the planner claimed.
import { loadClaims } from '../db/tick-store.js';
import type { ProbeMessage } from './plan.js';
import { evaluateClaimed, recordOutcomes, type CoreDeps, type Transition } from './steps.js';

export interface ConsumeReport {
  /** Monitors of the message still claimed by its planner (a redelivery after recording finds none). */
  claimed: number;
  recorded: number;
  transitions: Transition[];
}

/**
 * Probe and record one message's monitors in one transaction. Throws when it cannot read or record (the message is
 * then retried, and dead-lettered after the retries): a failed probe is a result and records normally.
 */
export async function consumeMessage(deps: Omit<CoreDeps, 'owner'>, message: ProbeMessage): Promise<ConsumeReport> {
  const now = deps.clock();
  const withOwner = { ...deps, owner: message.owner };
  const claimed = await loadClaims(deps.sql, message.owner, message.claims, now);
  if (!claimed.length) return { claimed: 0, recorded: 0, transitions: [] };
  const outcomes = await evaluateClaimed(withOwner, claimed, now);
  const { recorded, transitions } = await recordOutcomes(withOwner, outcomes, now);
  return { claimed: claimed.length, recorded, transitions };
}
