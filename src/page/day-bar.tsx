// The 90-day bar: one cell per day, coloured by level, with the date, uptime and that day's incidents in a
// tooltip (hover, and keyboard focus for the days that had trouble) and a sentence for screen readers.
import { raw } from 'hono/html';
import { COMPONENT_STATUS_LABEL } from '../core/service-status.js';
import { formatUptime, uptimeOf, type StatusCounts } from '../core/uptime.js';
import type { DayBarData, DayCell, DayLevel } from '../snapshot/types.js';
import { ByteWriter, written } from './byte-writer.js';
import { escapeHtml } from './escape.js';
import { formatDay } from './format-time.js';

/** One-letter classes keep 900 cells (10 components) small; page.css maps them to colours and patterns. */
export const LEVEL_CLASS: Record<DayLevel, string> = {
  operational: 'o', degraded_performance: 'g', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u', no_data: 'n',
};

export const LEVEL_LABEL: Record<DayLevel, string> = { ...COMPONENT_STATUS_LABEL, no_data: 'No data' };

const QUIET_CELL = { operational: `<i class="${LEVEL_CLASS.operational}"></i>`, no_data: `<i class="${LEVEL_CLASS.no_data}"></i>` } as const;
/** A bar's worth of each quiet cell as bytes: a run of quiet days is one copy, not a write per cell. */
const QUIET_RUN = {
  operational: new TextEncoder().encode(QUIET_CELL.operational.repeat(366)),
  no_data: new TextEncoder().encode(QUIET_CELL.no_data.repeat(366)),
};
const QUIET_CELL_BYTES = QUIET_CELL.operational.length;
/** The start of a cell with trouble, up to its tooltip. */
const LOUD_CELL = Object.fromEntries(Object.entries(LEVEL_CLASS).map(([level, cls]) => [level, `<i class="${cls}" tabindex="0" role="img" aria-label="`])) as Record<DayLevel, string>;

/** Where tooltip text goes: a string being built (dayTip) or the page's bytes (writeDayBar). */
interface TextSink {
  str(s: string): unknown;
}

/**
 * The tooltip of one day: "6 Mar: 99.50 %, Partial outage; API errors". The date, uptime and level texts are fixed
 * ASCII without markup characters (a test holds them to it), so `title` alone decides how titles are escaped.
 */
function emitTip(out: TextSink, day: number, counts: StatusCounts, level: DayLevel, incidentIds: readonly string[], title: (id: string) => string): void {
  const u = uptimeOf(counts);
  out.str(formatDay(day));
  out.str(': ');
  out.str(u === null ? 'no data' : formatUptime(u));
  if (level !== 'operational' && level !== 'no_data') (out.str(', '), out.str(LEVEL_LABEL[level]));
  for (const id of incidentIds) (out.str('; '), out.str(title(id)));
}

export function dayTip(cell: DayCell, titles: ReadonlyMap<string, string>): string {
  const out = { s: '', str: (x: string) => (out.s += x) };
  emitTip(out, cell.day, cell, cell.level, cell.incidentIds, (id) => titles.get(id) ?? 'incident');
  return out.s;
}

/** What the bars of one page share: incident titles, escaped once each on first use. */
export class DayTips {
  private readonly escaped = new Map<string, string>();
  /** Reused for the counts of the day being written. */
  readonly counts = { up: 0, degraded: 0, down: 0, maintenance: 0 };
  constructor(private readonly titles: ReadonlyMap<string, string>) {}
  readonly title = (id: string): string => {
    let title = this.escaped.get(id);
    if (title === undefined) this.escaped.set(id, (title = escapeHtml(this.titles.get(id) ?? 'incident')));
    return title;
  };
}

/** "Last 90 days: 87 operational, 1 partial outage (6 Mar), 2 no data." */
export function describeDays(bar: DayBarData): string {
  const order: DayLevel[] = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance', 'no_data'];
  const parts = order
    .map((level) => {
      const days: number[] = [];
      bar.levels.forEach((l, i) => l === level && days.push(bar.first + i * 86400_000));
      if (days.length === 0) return null;
      const which = level !== 'operational' && level !== 'no_data' && days.length <= 5 ? ` (${days.map((d) => formatDay(d)).join(', ')})` : '';
      return `${days.length} ${LEVEL_LABEL[level].toLowerCase()}${which}`;
    })
    .filter((p) => p !== null);
  return `Last ${bar.levels.length} days: ${parts.join(', ')}.`;
}

/**
 * Quiet days (operational, so 100 %, or no data, and no incident) are bare cells: their tooltip is fully given
 * by date and colour, so page.js writes it on hover from the bar's first date, keeping 900 cells (10 components)
 * small. Days with trouble carry their text, take keyboard focus and are read out; the sentence covers the rest.
 * Written straight into the page's bytes (see ByteWriter): thousands of cells per page, no string per cell.
 */
export function writeDayBar(w: ByteWriter, bar: DayBarData, tips: DayTips): void {
  w.str('<div class="days"><p class="sr">').text(describeDays(bar)).str('</p><div class="bar"');
  if (bar.levels.length) w.str(' data-from="').str(new Date(bar.first).toISOString().slice(0, 10)).str('"');
  w.str('>');
  const c = bar.counts, counts = tips.counts, levels = bar.levels, n = levels.length;
  for (let i = 0; i < n; ) {
    const level = levels[i]!;
    const ids = bar.incidentIds[i]!;
    if ((level === 'operational' || level === 'no_data') && ids.length === 0) {
      let end = i + 1;
      while (end < n && end - i < 366 && levels[end] === level && bar.incidentIds[end]!.length === 0) end++;
      w.bytes(QUIET_RUN[level].subarray(0, (end - i) * QUIET_CELL_BYTES));
      i = end;
      continue;
    }
    counts.up = c[4 * i]!;
    counts.degraded = c[4 * i + 1]!;
    counts.down = c[4 * i + 2]!;
    counts.maintenance = c[4 * i + 3]!;
    w.str(LOUD_CELL[level]);
    emitTip(w, bar.first + i * 86400_000, counts, level, ids, tips.title);
    w.str('"></i>');
    i++;
  }
  w.str('</div><p class="ends" aria-hidden="true"><span>90 days ago</span><span>today</span></p></div>');
}

export const dayBarHtml = (bar: DayBarData, titles: ReadonlyMap<string, string>): string => written((w) => writeDayBar(w, bar, new DayTips(titles)));

export function DayBar(props: { bar: DayBarData; titles: ReadonlyMap<string, string> }) {
  return raw(dayBarHtml(props.bar, props.titles));
}
