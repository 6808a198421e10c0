// "The database cannot be reached" as one error, told apart from every other failure so that HTTP answers it with
// a 503 (retry later) and the scheduler can say why a tick did nothing. No driver import: both runtimes use it.

/** The database did not answer in time, or refused or dropped the connection. */
export class DatabaseUnavailableError extends Error {
  constructor(message = 'the database cannot be reached', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

// Socket errors, postgres.js's own connection errors, and the server's SQLSTATEs for "going away / not yet up"
// (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 connection_exception).
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED',
  '57P01', '57P02', '57P03',
]);

/** Whether an error means the database is unreachable (rather than a bad query or a constraint). */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  // Node wraps several failed connection attempts (IPv4 and IPv6 of one name) in an AggregateError.
  if (err instanceof AggregateError) return err.errors.some(isDatabaseUnreachable);
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnreachable(cause);
}

/**
 * Fail fast while the database is away. postgres.js serves queued queries one connection attempt at a time
 * (10 connections × one attempt per backoff step ≈ 20 queries/s with the capped backoff of client.ts), so under
 * load every request would wait seconds for its turn only to be refused. Once a request finds the database
 * unreachable the gate closes for `cooldownMs`: requests meanwhile are refused at once, then one request at a time
 * is let through to try; the first that does not find the database unreachable opens the gate again.
 */
export class DatabaseGate {
  private closedUntil = 0;
  private trying = false;

  constructor(private readonly cooldownMs = 1000, private readonly now: () => number = Date.now) {}

  /** Ask to use the database: false = answer "unavailable" without trying; true = go, then call `done()`. */
  enter(): { go: false } | { go: true; done: (unreachable: boolean) => void } {
    const down = this.closedUntil > 0;
    if (down && (this.now() < this.closedUntil || this.trying)) return { go: false };
    if (down) this.trying = true;
    return {
      go: true,
      done: (unreachable) => {
        if (down) this.trying = false;
        if (unreachable) this.closedUntil = this.now() + this.cooldownMs;
        else if (down) this.closedUntil = 0;
      },
    };
  }
}
