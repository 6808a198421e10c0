// The 90-day bar: one cell per day, coloured by level, with the date, uptime and that day's incidents in a
// tooltip (hover, and keyboard focus for the days that had trouble) and a sentence for screen readers.
import { raw } from 'hono/html';
import { COMPONENT_STATUS_LABEL } from '../core/service-status.js';
import { formatUptime, uptimeOf, type StatusCounts } from '../core/uptime.js';
import type { DayBarData, DayCell, DayLevel } from '../snapshot/types.js';
import { escapeHtml } from './escape.js';
import { formatDay } from './format-time.js';

/** One-letter classes keep 900 cells (10 components) small; page.css maps them to colours and patterns. */
export const LEVEL_CLASS: Record<DayLevel, string> = {
  operational: 'o', degraded_performance: 'g', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u', no_data: 'n',
};

export const LEVEL_LABEL: Record<DayLevel, string> = { ...COMPONENT_STATUS_LABEL, no_data: 'No data' };

const QUIET_CELL = { operational: `<i class="${LEVEL_CLASS.operational}"></i>`, no_data: `<i class="${LEVEL_CLASS.no_data}"></i>` } as const;

/** The tooltip of one day: "6 Mar: 99.50 %, Partial outage; API errors". */
function tipText(day: number, counts: StatusCounts, level: DayLevel, incidentIds: readonly string[], title: (id: string) => string): string {
  const u = uptimeOf(counts);
  let tip = `${formatDay(day)}: ${u === null ? 'no data' : formatUptime(u)}`;
  if (level !== 'operational' && level !== 'no_data') tip += `, ${LEVEL_LABEL[level]}`;
  for (const id of incidentIds) tip += `; ${title(id)}`;
  return tip;
}

export const dayTip = (cell: DayCell, titles: ReadonlyMap<string, string>): string =>
  tipText(cell.day, cell, cell.level, cell.incidentIds, (id) => titles.get(id) ?? 'incident');

/**
 * dayTip for day `i` of a bar, already escaped for an attribute: the date, uptime and level texts are fixed
 * ASCII without markup characters, so only incident titles need escaping, once per title (`escaped` memoises
 * them across the bars of one page) rather than a regex over every tooltip.
 */
function dayTipHtml(bar: DayBarData, i: number, titles: ReadonlyMap<string, string>, escaped: Map<string, string>): string {
  const c = bar.counts;
  const counts = { up: c[4 * i]!, degraded: c[4 * i + 1]!, down: c[4 * i + 2]!, maintenance: c[4 * i + 3]! };
  return tipText(bar.first + i * 86400_000, counts, bar.levels[i]!, bar.incidentIds[i]!, (id) => {
    let title = escaped.get(id);
    if (title === undefined) escaped.set(id, (title = escapeHtml(titles.get(id) ?? 'incident')));
    return title;
  });
}

/** Escaped incident titles per titles map (one map per rendered page). */
const escapedTitles = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

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
 */
export function dayBarHtml(bar: DayBarData, titles: ReadonlyMap<string, string>): string {
  // Built as one escaped string rather than 90 JSX nodes per component: a cold page with 100 monitors renders
  // thousands of cells, and this is where the time went. Every variable part goes through escapeHtml.
  // Quiet cells are shared constant strings and the row is joined once: no string per cell, no deep rope to
  // flatten when the page is encoded.
  let escaped = escapedTitles.get(titles);
  if (!escaped) escapedTitles.set(titles, (escaped = new Map()));
  const cells: string[] = new Array(bar.levels.length);
  for (let i = 0; i < bar.levels.length; i++) {
    const level = bar.levels[i]!;
    if ((level === 'operational' || level === 'no_data') && bar.incidentIds[i]!.length === 0) cells[i] = QUIET_CELL[level];
    else cells[i] = `<i class="${LEVEL_CLASS[level]}" tabindex="0" role="img" aria-label="${dayTipHtml(bar, i, titles, escaped)}"></i>`;
  }
  const from = bar.levels.length ? ` data-from="${new Date(bar.first).toISOString().slice(0, 10)}"` : '';
  return (
    `<div class="days"><p class="sr">${escapeHtml(describeDays(bar))}</p><div class="bar"${from}>${cells.join('')}</div>` +
    '<p class="ends" aria-hidden="true"><span>90 days ago</span><span>today</span></p></div>'
  );
}

export function DayBar(props: { bar: DayBarData; titles: ReadonlyMap<string, string> }) {
  return raw(dayBarHtml(props.bar, props.titles));
}
