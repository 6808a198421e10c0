// Times as people read them on the page: in the page's time zone with UTC beside it, and "about" for times the
// sources give only roughly. Formatters are cached per zone (Intl construction is the expensive part).

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, kind: 'time' | 'datetime' | 'month' | 'day' | 'zone'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : kind === 'datetime' ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : kind === 'month' ? { month: 'long', year: 'numeric' }
      : kind === 'day' ? { day: 'numeric', month: 'short' }
      : { timeZoneName: 'short' };
    // en-US for zone names ("EST", "EDT"); en-GB elsewhere for day-month order and a 24-hour clock.
    f = new Intl.DateTimeFormat(kind === 'zone' ? 'en-US' : 'en-GB', { ...opts, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** "EST", "GMT+1", "UTC": the zone's short name at that instant. */
function zoneName(ms: number, timeZone: string): string {
  return fmt(timeZone, 'zone').formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** "12:04 UTC" */
export function formatClock(ms: number, timeZone = 'UTC'): string {
  return `${fmt(timeZone, 'time').format(ms)} ${zoneName(ms, timeZone)}`;
}

/** "6 Mar" (UTC day of the 90-day bar). */
export function formatDay(ms: number): string {
  return fmt('UTC', 'day').format(ms);
}

/** "March 2023" in the zone: the history page's month headings. */
export function formatMonth(ms: number, timeZone: string): string {
  return fmt(timeZone, 'month').format(ms);
}

/**
 * "Mon, 6 Mar 2023, 12:19 EST (17:19 UTC)"; approximate times read "about …". The UTC part is left out when
 * the page's zone is UTC.
 */
export function formatMoment(ms: number, timeZone: string, approximate = false): string {
  const local = `${fmt(timeZone, 'datetime').format(ms)} ${zoneName(ms, timeZone)}`;
  const utc = zoneName(ms, timeZone) === 'UTC' ? '' : ` (${formatClock(ms, 'UTC')})`;
  return `${approximate ? 'about ' : ''}${local}${utc}`;
}

/** "20 s ago", "5 min ago", "3 h ago", "2 days ago"; "just now" under a second (and for clock skew). */
export function formatAgo(ms: number, now: number): string {
  const s = Math.floor((now - ms) / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400 * 2) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

/** "1 h 20 min", "45 min", "2 days 3 h"; prefixed "about " when either end is approximate. */
export function formatDuration(ms: number, approximate = false): string {
  const min = Math.max(0, Math.round(ms / 60000));
  let out: string;
  if (min < 60) out = `${min} min`;
  else if (min < 48 * 60) out = `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
  else out = `${Math.floor(min / 1440)} days${Math.floor((min % 1440) / 60) ? ` ${Math.floor((min % 1440) / 60)} h` : ''}`;
  return approximate ? `about ${out}` : out;
}
